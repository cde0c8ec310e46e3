namespace AutoLR.Algorithms

/// The outcome of Algorithm 1.
type PruningResult =
    { /// Depth p with the best score (top p blocks removed): the highest score, the deeper depth on ties.
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
      /// (depth, score) evaluated so far, newest first.
      Scores: (int * float) list }

/// Algorithm 1 as a state machine.
module PruningSearch =
    /// Start the search; the first decision is always TryDepth 0. maxDepth must be in [0, K−1].
    let start (maxDepth: int) : PruningDecision * PruningState =
        if maxDepth < 0 then invalidArg (nameof maxDepth) $"maxDepth must be at least 0 (got {maxDepth}); it is at most K − 1 blocks."
        TryDepth 0, { MaxDepth = maxDepth; Scores = [] }

    let private finish (scores: (int * float) list) (because: string) =
        let inOrder = scores |> List.rev |> Array.ofList
        // Algorithm 1, line 6 continues while score ≥ best score, so an equal score counts as no worse: the deeper
        // depth wins a tie (a smaller network at the same score).
        let bestDepth, bestScore =
            inOrder |> Array.reduce (fun (d, s) (d', s') -> if s' >= s then (d', s') else (d, s))
        Finished { BestDepth = bestDepth; BestScore = bestScore; Scores = inOrder; StoppedBecause = because }

    /// Report the score of the depth last asked for. Algorithm 1, line 6: go one block deeper while
    /// score ≥ best score (the first score always counts as no drop), else stop with "score dropped";
    /// never asks for a depth beyond MaxDepth ("cap reached"). Do not call again after Finished.
    let observe (state: PruningState) (score: float) : PruningDecision * PruningState =
        let depth = state.Scores.Length
        let scores = (depth, score) :: state.Scores
        let next = { state with Scores = scores }
        let dropped =
            match state.Scores with
            | [] -> false
            | (_, previous) :: _ -> not (score >= previous)
        if dropped then finish scores "score dropped", next
        elif depth >= state.MaxDepth then finish scores "cap reached", next
        else TryDepth (depth + 1), next
