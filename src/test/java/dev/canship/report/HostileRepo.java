package dev.canship.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model repository written to attack whoever renders it: markup with scripts, event handlers, {@code javascript:}
 * links and frames in the card's front matter and body, in config.json, in a file name, and in the first lines
 * of a LICENSE canship does not know (which its report quotes). Every payload would set {@code window.__pwned} or
 * raise an alert if it ran. The deployment written beside it carries markup too.
 */
final class HostileRepo {

    /** Text of the model name payload; the report must show it literally. */
    static final String MODEL_NAME = "<img src=x onerror=\"window.__pwned='model_name'\">Evil";
    /** Text the unknown LICENSE begins with; the report quotes it in the LICENSE-UNKNOWN issue. */
    static final String LICENSE_START = "<script>window.__pwned='license'</script><b onmouseover=\"window.__pwned='hover'\">Evil Terms</b>";

    private HostileRepo() {
    }

    static Path write(Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("hostile-model"));
        Files.writeString(repo.resolve("README.md"), """
                ---
                license: other
                license_name: "<script>window.__pwned='license_name'</script>"
                license_link: "javascript:window.__pwned='license_link'"
                model_name: "%s"
                base_model:
                  - "<script>alert('base_model')</script>"
                  - "<a href=\\"javascript:window.__pwned='base_link'\\">org/evil</a>"
                pipeline_tag: "<svg onload=\\"window.__pwned='task'\\"></svg>"
                datasets:
                  - "<script>window.__pwned='dataset'</script>"
                ---
                # <script>window.__pwned='card_body'</script>

                <img src=x onerror="window.__pwned='card_img'">
                [read me](javascript:window.__pwned='md_link')
                <iframe src="javascript:alert('frame')"></iframe>
                """.formatted(MODEL_NAME.replace("\"", "\\\"")));
        Files.writeString(repo.resolve("LICENSE"), LICENSE_START + "\n"
                + "<a href=\"javascript:window.__pwned='license_link_text'\">Accept</a><script>alert('license')</script>\n"
                + "This bespoke agreement lets the holder do things no catalogued license describes.\n");
        Files.writeString(repo.resolve("config.json"), """
                {"model_type": "<script>window.__pwned='config'</script>",
                 "architectures": ["<img src=x onerror=window.__pwned='arch'>"],
                 "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 100,
                 "intermediate_size": 128, "max_position_embeddings": 256}
                """);
        Files.writeString(repo.resolve("<img src=x onerror=window.__pwned='filename'>.md"), "notes\n");
        return repo;
    }

    /** A deployment whose free text fields carry markup as well. */
    static Path deployment(Path dir) throws IOException {
        return Files.writeString(dir.resolve("hostile-deployment.yaml"), """
                canship: 1
                organization:
                  name: "<script>window.__pwned='org'</script>"
                  country: US
                  monthly_active_users: 1000
                model:
                  release_name: "<img src=x onerror=window.__pwned='release'>"
                  changes: fine-tune
                  distribution: weights
                product:
                  name: "<a href='javascript:alert(1)'>Product</a>"
                  uses: [customer_support]
                  use_description: "<script>alert('use')</script>"
                  regions: [US]
                """);
    }
}
