namespace AutoLR.Algorithms

/// LR renewal without eq. 8's assumption that v grows in proportion to η. A block behind BatchNorm computes the same
/// function at any scale of its weights, and under SGD with momentum and weight decay its angular update settles near
/// an equilibrium growing like √η (spherical motion dynamics), so eq. 16, which assumes v ∝ η, under-corrects each
/// time and keeps pushing η up. This rule estimates the response v_k ∝ η_k^p_k per block from the trials the epoch has
/// already run, and renews η_k so that v_k would meet its target under that response.
module ResponseExponentRenewal =
    /// The exponents a secant may give and still be used, [1/4, 4]. Eq. 8 says p = 1 and spherical motion dynamics
    /// p ≈ 1/2; a p below 1/4 would turn a target twice v into more than 16 times the LR in one step, and v rising
    /// with more than the fourth power of η is no regime SGD trains in: such an estimate is taken for noise.
    let exponentRange : float * float = 0.25, 4.0

    let private usable (x: float) = x > 0.0 && not (System.Double.IsInfinity x)

    /// p in v ∝ η^p through two points (η_a, v_a) and (η_b, v_b): the secant in log-log, ln(v_b/v_a) / ln(η_b/η_a).
    /// None when the points cannot give it (an η or v not positive and finite, equal LRs) or when p lies outside
    /// `exponentRange`.
    let secantExponent (lrA: float, variationA: float) (lrB: float, variationB: float) : float option =
        if not (usable lrA && usable variationA && usable lrB && usable variationB) || lrA = lrB then None
        else
            let p = log (variationB / variationA) / log (lrB / lrA)
            let low, high = exponentRange
            if p >= low && p <= high then Some p else None

    /// p_k of each block: the secant through this trial's (η_k, v_k) and that of the most recent earlier trial of the
    /// epoch whose η_k differs and whose v_k is positive and finite; None where no such trial exists or its secant
    /// gives no usable p.
    let exponents (input: RuleInput) : float option[] =
        Array.init input.Lrs.Length (fun k ->
            input.EarlierTrials
            |> Array.tryFindBack (fun t -> usable t.Lrs[k] && usable t.Variations[k] && t.Lrs[k] <> input.Lrs[k])
            |> Option.bind (fun t -> secantExponent (t.Lrs[k], t.Variations[k]) (input.Lrs[k], input.Variations[k])))

    /// η'_k = η_k · (target_k / v_k)^(1/p_k) with p_k from `exponents`: if v ∝ η^p holds with that p, η' gives
    /// v = target exactly. Where p_k is unknown, eq. 16 (p = 1), as in the epoch's first renewal; a block with v_k = 0
    /// keeps η_k. Then clamped into [LrMin, LrMax]. Events: an ExponentFallback for each block that had earlier trials
    /// this epoch but no usable secant, then the clamps.
    let renewLearningRates (input: RuleInput) (targets: float[]) : LrRenewal =
        let k = input.Lrs.Length
        if targets.Length <> k || input.Variations.Length <> k then
            invalidArg (nameof targets) $"LR renewal needs one LR, target and variation per block; got {k} LRs, {targets.Length} targets, {input.Variations.Length} variations."
        let p = exponents input
        let renewed =
            Array.init k (fun i ->
                let lr, v = input.Lrs[i], input.Variations[i]
                if v = 0.0 then lr
                else
                    match p[i] with
                    | Some p -> lr * (targets[i] / v) ** (1.0 / p)
                    | None -> lr * (targets[i] / v))
        let clamped = LrRenewal.clampLearningRates input.LrMin input.LrMax renewed
        let fallbacks =
            if input.EarlierTrials.Length = 0 then []
            else [ for i in 0 .. k - 1 do if p[i].IsNone then ExponentFallback (i + 1) ]
        { clamped with Events = fallbacks @ clamped.Events }
