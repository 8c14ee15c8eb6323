package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.vocabulary.CategoricalMapper;
import java.io.Serializable;

/**
 * What a transform task needs, shipped to executors as one broadcast value.
 *
 * @param mapper categorical value to id
 * @param dense dense transform
 * @param splits split of each line
 */
record TransformSettings(CategoricalMapper mapper, DenseTransform dense, SplitAssigner splits)
    implements Serializable {}
