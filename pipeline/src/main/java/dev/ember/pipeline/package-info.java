package dev.ember.pipeline;
