package dev.ember.jobs;
