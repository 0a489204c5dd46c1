package dev.canship.rules.facts;

import java.util.List;

/**
 * The scanned repository, as far as the rules care.
 *
 * @param name          display name
 * @param hasLicenseFile a license text file is present
 * @param hasNoticeFile a Notice file is present
 * @param baseModels    base models named by the card or adapter config
 */
public record Repository(String name, boolean hasLicenseFile, boolean hasNoticeFile, List<String> baseModels) {

    public boolean derivative() {
        return !baseModels.isEmpty();
    }
}
