namespace AutoLR.Algorithms

/// Why no target ramp exists: the hatched region of the paper's Fig. 3.
type TargetError =
    /// β·max v ≤ α·min v: the ramp from `low` = α·min v up to `high` = β·max v would be empty or descending.
    | EmptyRange of low: float * high: float

module InitialTargets =
    /// Eq. 10 with the ramp's ends as the authors' code sets them: d = (β·max v − α·min v)/(K−1).
    let step (alpha: float) (beta: float) (variations: float[]) : float =
        let k = variations.Length
        if k < 2 then 0.0
        else (beta * Array.max variations - alpha * Array.min variations) / float (k - 1)

    /// Eqs. 10–11 (DESIGN.md §2): target_k = α·min v + (k−1)·d for k = 1..K, a ramp from α·min v up to β·max v.
    /// Error when β·max v ≤ α·min v; never a flat or descending ramp. For K = 1 the ramp is the single point α·min v.
    let initialTargets (alpha: float) (beta: float) (variations: float[]) : Result<float[], TargetError> =
        if variations.Length = 0 then invalidArg (nameof variations) "Initial targets need at least one block variation."
        let low = alpha * Array.min variations
        let high = beta * Array.max variations
        if not (high > low) then Error (EmptyRange (low, high))
        else
            let k = variations.Length
            let d = step alpha beta variations
            Ok (Array.init k (fun i -> low + float i * d))
