namespace AutoLR.Algorithms

/// The paper's Algorithm 2 assumes every trial ends with finite numbers; this is what the controller does when one
/// does not (DESIGN.md §2, divergence).
module DivergencePolicy =
    let private isFinite (x: float) = not (System.Double.IsNaN x || System.Double.IsInfinity x)

    /// A trial diverged when its train loss or any block variation is NaN or ±∞.
    let diverged (trainLoss: float) (variations: float[]) : bool =
        not (isFinite trainLoss && Array.forall isFinite variations)

    /// The LRs to retry a diverged trial with: the blocks whose variation blew up get half their LR, or every block
    /// when only the loss blew up; one LrHalved event (1-based block) per halved block, input to output.
    let halveBlownUp (lrs: float[]) (variations: float[]) : float[] * TrialEvent list =
        let blownUp = variations |> Array.map (isFinite >> not)
        let halve = if Array.exists id blownUp then blownUp else Array.create lrs.Length true
        Array.init lrs.Length (fun i -> if halve[i] then lrs[i] / 2.0 else lrs[i]),
        [ for i in 0 .. halve.Length - 1 do
              if halve[i] then LrHalved (i + 1) ]
