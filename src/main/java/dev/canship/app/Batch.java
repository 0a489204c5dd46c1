package dev.canship.app;

import dev.canship.BadInputException;
import dev.canship.report.RepositoryReport;

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
 * repositories were given (output stays deterministic). Progress goes to the caller's listener, which decides
 * whether anyone sees it (the CLI draws a bar only on a terminal).
 */
final class Batch {

    private Batch() {
    }

    static List<RepositoryReport> run(List<Path> repos, Function<Path, RepositoryReport> job, Progress progress) {
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
                    progress.done(done.incrementAndGet(), repos.size());
                    return r;
                }));
            }
            List<RepositoryReport> out = new ArrayList<>();
            for (Future<RepositoryReport> f : futures) {
                out.add(f.get());
            }
            progress.finished();
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
}
