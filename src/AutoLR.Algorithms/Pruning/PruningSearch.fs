namespace AutoLR.Algorithms

/// The outcome of Algorithm 1.
type PruningResult =
    { /// Depth p with the best score (top p blocks removed).
      BestDepth: int
      BestScore: float
      /// Every (depth, score) evaluated, in order.
      Scores: (int * float)[]
      /// Why the search stopped: "score dropped" or "cap reached".
      StoppedBecause: string }

/// What the Torch layer must do next.
type PruningDecision =
    /// Fine-tune the pre-trained network with the top `depth` blocks removed and report its score.
    | TryDepth of depth: int
    | Finished of PruningResult

type PruningState =
    { /// Largest depth that may be tried (below K).
      MaxDepth: int
      Scores: (int * float) list }

/// Algorithm 1 as a state machine.
module PruningSearch =
    /// Start the search; the first decision is always TryDepth 0. maxDepth must be in [0, K−1].
    let start (maxDepth: int) : PruningDecision * PruningState =
        failwith "contract stub: implemented in the foundation issue"

    /// Report the score of the depth last asked for.
    let observe (state: PruningState) (score: float) : PruningDecision * PruningState =
        failwith "contract stub: implemented in the foundation issue"
