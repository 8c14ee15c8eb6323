package dev.ember.benchmarks;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Two builds of Ember in one JVM, trained in turns: each jar gets a class loader of its own (its own classes and
 * compiled code), both train the same configuration on the same ids, and rounds alternate between them, so a
 * drift of the machine's memory (on the 2-core VM up to 3x between processes) hits both alike. Usage:
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.ember.benchmarks.BuildComparison
 * BEFORE.jar AFTER.jar ROUNDS PRECISION LOAD_FACTOR ROWS DIM zipf|uniform SGD|ROWWISE_ADAGRAD [tables [batch
 * [threads [seconds]]]]}; both jars must be benchmarks jars with {@link CpuTimeHarness#trainStepTimer}. Prints
 * each build's median training-step rate (M lookups per second of the timed part) and the median per-round ratio.
 */
public final class BuildComparison {
    private BuildComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 9) {
            throw new IllegalArgumentException("usage: BuildComparison BEFORE.jar AFTER.jar ROUNDS PRECISION"
                    + " LOAD_FACTOR ROWS DIM zipf|uniform OPTIMIZER [tables [batch [threads [seconds]]]], got "
                    + String.join(" ", args));
        }
        int rounds = Integer.parseInt(args[2]);
        long rows = Long.parseLong(args[5]);
        int dim = Integer.parseInt(args[6]);
        int tables = args.length > 9 ? Integer.parseInt(args[9]) : 1;
        int batch = args.length > 10 ? Integer.parseInt(args[10]) : 2048;
        int threads = args.length > 11 ? Integer.parseInt(args[11]) : 1;
        double seconds = args.length > 12 ? Double.parseDouble(args[12]) : 20;
        String[] jars = {args[0], args[1]};
        LongSupplier[] steps = new LongSupplier[2];
        URLClassLoader[] loaders = new URLClassLoader[2];
        try {
            for (int b = 0; b < 2; b++) {
                loaders[b] = new URLClassLoader(new URL[] {Path.of(jars[b]).toUri().toURL()},
                        ClassLoader.getPlatformClassLoader());
                Method timer = loaders[b].loadClass(CpuTimeHarness.class.getName()).getMethod("trainStepTimer",
                        String.class, double.class, String.class, long.class, int.class, String.class, int.class,
                        int.class, int.class);
                steps[b] = (LongSupplier) timer.invoke(null, args[3], Double.parseDouble(args[4]), args[8], rows, dim,
                        args[7], tables, batch, threads);
                CpuTimeHarness.measure(steps[b], 1.0, batch * tables);
            }
            double[][] rates = new double[2][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int b = 0; b < 2; b++) {
                    rates[b][round] = CpuTimeHarness.measure(steps[b], seconds / rounds / 2, batch * tables);
                }
            }
            double[] ratios = CpuTimeHarness.ratios(rates[1], rates[0]);
            System.out.printf(Locale.ROOT, "%s load %s, %d x %d %s, %s, %d table(s), batch %d, %d thread(s), %d rounds:"
                            + "%n  before %.1f, after %.1f M lookups per second (medians); after / before per"
                            + " round: median %.3f, min %.3f, max %.3f%n", args[3], args[4], rows, dim, args[7],
                    args[8], tables, batch, threads, rounds, CpuTimeHarness.median(rates[0]) / 1e6,
                    CpuTimeHarness.median(rates[1]) / 1e6,
                    ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
        } finally {
            for (URLClassLoader loader : loaders) {
                if (loader != null) {
                    loader.close();
                }
            }
        }
    }
}
