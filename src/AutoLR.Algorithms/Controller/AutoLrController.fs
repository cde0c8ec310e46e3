namespace AutoLR.Algorithms

/// The learning rates of every parameter group for one trial, after the global multiplier.
type TrialLearningRates = { Stem: float; Blocks: float[]; Head: float }

/// Algorithm 2 as a state plus a pure decide function.
module AutoLrController =
    /// The paper's and the authors' defaults for a base LR: α 2, β 0.4, constant τ 0.94, cap 5, stem 0.5 × block 1,
    /// head 10 × base, LR bounds [base/1000, base×1000], floor 0.1 × min v, no global multiplier, /n, divergence limit 3.
    let defaults (baseLr: float) : ControllerOptions =
        failwith "contract stub: implemented in the foundation issue"

    /// Epoch 1, no trial yet, every block at baseLr.
    let init (options: ControllerOptions) (layers: string[]) (baseLr: float) : ControllerState =
        failwith "contract stub: implemented in the foundation issue"

    /// The LRs to train the coming trial with (stem rule, global multiplier applied).
    let trialLearningRates (options: ControllerOptions) (state: ControllerState) : TrialLearningRates =
        failwith "contract stub: implemented in the foundation issue"

    /// Algorithm 2, lines 7–19, for one trial: what to do next, the trace record, the next state.
    let decide (options: ControllerOptions) (state: ControllerState) (observation: TrialObservation)
        : Decision * TrialRecord * ControllerState =
        failwith "contract stub: implemented in the foundation issue"
