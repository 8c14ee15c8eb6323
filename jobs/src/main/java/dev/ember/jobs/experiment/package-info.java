/**
 * The experiment sweep (issue 6): a grid file ({@link dev.ember.jobs.experiment.GridFiles}) expands to
 * {@link dev.ember.jobs.experiment.ExperimentPoint}s, which {@link dev.ember.jobs.experiment.ExperimentSweep}
 * trains one after the other through a {@link dev.ember.jobs.experiment.GridPointRunner}; the results table
 * ({@link dev.ember.jobs.experiment.ResultsTable}), one training curve per point
 * ({@link dev.ember.jobs.experiment.CurveCsv}) and an HTML report with PNG charts
 * ({@link dev.ember.jobs.experiment.HtmlReportWriter}) are written to the output folder.
 * {@link dev.ember.jobs.experiment.Experiments} is the entry the command line calls. See docs/experiments.md.
 */
package dev.ember.jobs.experiment;
