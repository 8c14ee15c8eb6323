package dev.ember.benchmarks;
