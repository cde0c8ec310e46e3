namespace AutoLR.Algorithms

/// The paper's Algorithm 2 assumes every trial ends with finite numbers; this is what the controller does when one
/// does not, or when its numbers are finite but blown up (DESIGN.md §2, divergence).
module DivergencePolicy =
    let private isFinite (x: float) = not (System.Double.IsNaN x || System.Double.IsInfinity x)

    /// How many times the chance loss an epoch's mean train loss may reach before it counts as an explosion. A fresh
    /// head starts near the chance loss and fine-tuning lowers it; noisy tiny runs reach about 5× it (8.1 for 5 classes
    /// at the default LRs), while a blow-up passes 100× within an epoch (`--base-lr 1`: 6.3e9 in epoch 1, 5.9e21 later).
    let explosionFactor = 100.0

    /// Cross-entropy of a uniform guess over `classCount` classes, ln C: what an untrained head scores.
    let chanceLoss (classCount: int) : float = log (float classCount)

    /// A trial diverged when its train loss or any block variation is NaN or ±∞, or when its train loss exceeds
    /// explosionFactor × `chanceLoss` (pass +∞ as chanceLoss to check finiteness only).
    let diverged (chanceLoss: float) (trainLoss: float) (variations: float[]) : bool =
        not (isFinite trainLoss && Array.forall isFinite variations) || trainLoss > explosionFactor * chanceLoss

    /// The LRs to retry a diverged trial with: the blocks whose variation blew up get half their LR, or every block
    /// when only the loss blew up; one LrHalved event (1-based block) per halved block, input to output.
    let halveBlownUp (lrs: float[]) (variations: float[]) : float[] * TrialEvent list =
        let blownUp = variations |> Array.map (isFinite >> not)
        let halve = if Array.exists id blownUp then blownUp else Array.create lrs.Length true
        Array.init lrs.Length (fun i -> if halve[i] then lrs[i] / 2.0 else lrs[i]),
        [ for i in 0 .. halve.Length - 1 do
              if halve[i] then LrHalved (i + 1) ]
