package dev.canship.report;

import java.util.List;

/** Renders reports in one output format. One implementation per format. */
public interface Reporter {

    /** Renders the reports of one run (usually one repository; several when comparing). */
    String render(List<RepositoryReport> reports);
}
