namespace AutoLR.Algorithms

/// Targets from eqs. 12–13 with what happened on the way.
type TargetRenewal =
    { /// target_1..target_K, positive and non-decreasing.
      Targets: float[]
      /// The step d actually used: eq. 10's, or the fallback when eq. 10 gave d ≤ 0.
      Step: float
      /// StepFallback and TargetFloor events, in the order they happened.
      Events: TrialEvent list }

module PartialRenewal =
    /// Eqs. 12–13 (DESIGN.md §2), used from the second epoch on. Centre c = ⌈K/2⌉, target_c = v_c;
    /// walking up (k = c+1..K): target_k = v_k if v_k ≥ target_{k−1}, else target_{k−1} + d;
    /// walking down (k = c−1..1): target_k = v_k if v_k ≤ target_{k+1}, else max(floor, target_{k+1} − d).
    /// d is eq. 10's (β·max v − α·min v)/(K−1); when that is ≤ 0, d = (max v − min v)/(K−1) (event d-fallback).
    /// floor = floorFraction × min v (DESIGN default 0.1); each raise to it is a target-floor event. A floor is
    /// applied as the walk goes, so the next step down compares against the target actually in force.
    /// With 0 < floorFraction < 1 and positive v the targets are positive and non-decreasing, and equal v where v is
    /// already non-decreasing.
    let renewTargets (alpha: float) (beta: float) (floorFraction: float) (variations: float[]) : TargetRenewal =
        let k = variations.Length
        if k = 0 then invalidArg (nameof variations) "Target renewal needs at least one block variation."
        let eq10 = InitialTargets.step alpha beta variations
        let fellBack = k >= 2 && eq10 <= 0.0
        let d = if fellBack then (Array.max variations - Array.min variations) / float (k - 1) else eq10
        let floor = floorFraction * Array.min variations
        let targets = Array.copy variations
        let floored = ResizeArray<TrialEvent>()
        let centre = (k + 1) / 2 - 1 // ⌈K/2⌉, 0-based
        for i in centre + 1 .. k - 1 do
            targets[i] <- if variations[i] >= targets[i - 1] then variations[i] else targets[i - 1] + d
        for i in centre - 1 .. -1 .. 0 do
            let walked = if variations[i] <= targets[i + 1] then variations[i] else targets[i + 1] - d
            if walked < floor then
                targets[i] <- floor
                floored.Add(TargetFloor (i + 1))
            else targets[i] <- walked
        { Targets = targets
          Step = d
          Events = [ if fellBack then StepFallback
                     yield! Seq.rev floored ] }
