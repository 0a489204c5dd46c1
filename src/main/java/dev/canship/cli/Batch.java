package dev.canship.cli;

import dev.canship.BadInputException;
import dev.canship.report.RepositoryReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the pipeline over many repositories in parallel across cores, returning reports in the order the
 * repositories were given (output stays deterministic). A progress line goes to the terminal only when
 * standard error is one; pipelines and redirected output never see it.
 */
final class Batch {

    private Batch() {
    }

    static List<RepositoryReport> run(List<Path> repos, Function<Path, RepositoryReport> job, PrintWriter err, boolean progress) {
        if (repos.size() == 1) {
            return List.of(job.apply(repos.get(0)));
        }
        int threads = Math.min(repos.size(), java.lang.Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "canship-batch");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<RepositoryReport>> futures = new ArrayList<>();
            for (Path p : repos) {
                futures.add(pool.submit(() -> {
                    RepositoryReport r = job.apply(p);
                    int n = done.incrementAndGet();
                    if (progress) {
                        synchronized (err) {
                            err.print("\r" + bar(n, repos.size()));
                            err.flush();
                        }
                    }
                    return r;
                }));
            }
            List<RepositoryReport> out = new ArrayList<>();
            for (Future<RepositoryReport> f : futures) {
                out.add(f.get());
            }
            if (progress) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    static String bar(int done, int total) {
        int width = 30;
        int filled = (int) ((long) done * width / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " repositories";
    }

    /** True when standard error is an interactive terminal (not a pipe, file or CI log). */
    static boolean terminal() {
        return System.console() != null && System.getenv("CI") == null;
    }
}
