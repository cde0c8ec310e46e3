namespace AutoLR.Algorithms

module GeometricTargets =
    /// An alternative to eqs. 10–11 with the same ends: target_k = α·min v · r^(k−1) for k = 1..K, with the constant
    /// ratio r = (β·max v / α·min v)^(1/(K−1)) in place of eq. 10's constant step d, so the targets of the input
    /// blocks, whose variations are small, are spaced as finely in ratio as those of the output blocks.
    /// Error EmptyRange when β·max v ≤ α·min v, as eq. 11; for K = 1 the ramp is the single point α·min v.
    let initialTargets (alpha: float) (beta: float) (variations: float[]) : Result<float[], TargetError> =
        if variations.Length = 0 then invalidArg (nameof variations) "Initial targets need at least one block variation."
        let low = alpha * Array.min variations
        let high = beta * Array.max variations
        if not (high > low) then Error (EmptyRange (low, high))
        elif variations.Length = 1 then Ok [| low |]
        else
            let k = variations.Length
            let logRatio = log (high / low) / float (k - 1)
            Ok (Array.init k (fun i -> if i = k - 1 then high else low * exp (float i * logRatio)))
