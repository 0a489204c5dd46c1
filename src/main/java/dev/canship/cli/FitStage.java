package dev.canship.cli;

import dev.canship.deployment.Deployment;
import dev.canship.rules.facts.HardwareFit;

/** Wires the hardware-fit stage for a check: the deployment's hardware section against the model facts. */
final class FitStage {

    record Outcome(HardwareFit fact, Object report) {
        static final Outcome NONE = new Outcome(null, null);
    }

    Outcome assess(ModelStage.Result model, Deployment deployment) {
        return Outcome.NONE;
    }
}
