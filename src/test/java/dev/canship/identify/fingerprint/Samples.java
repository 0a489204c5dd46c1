package dev.canship.identify.fingerprint;

/** Made-up texts written for these tests (no real license wording), used where the corpus is not needed. */
final class Samples {

    private Samples() {
    }

    /** A small invented agreement with numbered clauses, a threshold, a date and a copyright line. */
    static final String AGREEMENT = """
            EXAMPLE OPEN WEIGHTS AGREEMENT

            Release Date: March 3, 2031

            Copyright (c) 2031 Example Labs

            1. Scope.
            a. These terms cover the parameters, tokenizer files and sample code that Example Labs ships together.
            b. Anyone who downloads the parameters accepts these terms by keeping a copy of them.

            2. Permissions.
            a. You may run, study and adapt the parameters for any lawful purpose described below.
            b. You may share adapted parameters if you pass these terms along unchanged and mark your changes.
            i. Every shared copy carries a plain text file called CREDITS naming Example Labs.
            ii. Services built on the parameters show the words "Runs on Example" near the product name.

            3. Large deployments. A service that reaches more than 250 million daily visitors in any quarter must ask
            Example Labs for separate permission before the start of the following quarter.

            4. No warranty. The parameters come as they are, and Example Labs gives no promise that they suit any task.

            5. Ending. These terms end automatically for anyone who breaks them, and section 4 survives the end.
            """;

    /** A model card body that names licenses but holds no license text. */
    static final String README = """
            # Tiny-Chat-1B

            Tiny-Chat-1B is a compact assistant model distilled from a larger teacher. Its weights are released under
            the Llama 3.1 Community License, and the training code under the Apache License 2.0 and MIT terms.
            Please read the LICENSE file and the acceptable use policy before deploying the model.

            ## Intended use

            Chat, summarization and light coding help in English, French and German. Not for medical or legal advice.

            ## Training

            We trained for 3 epochs on 40 billion tokens with a cosine schedule, a peak learning rate of 3e-4 and a batch
            of 2 million tokens, on 64 accelerators for 9 days.

            ## Evaluation

            | Task | Score |
            |------|-------|
            | ARC  | 52.1  |
            | HellaSwag | 70.3 |

            ## License

            This model is provided under the terms in LICENSE. By using it you agree to those terms, including the
            monthly active user limit that applies to very large services.
            """;
}
