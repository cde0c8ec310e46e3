namespace AutoLR.Algorithms

module LrBounds =
    /// The upper bound on renewed block LRs (before the global multiplier): LrMax, or `maxFactor` × the base LR when a
    /// factor is given and that is lower. An absolute LrMax suits one base LR; a factor keeps the bound at the same
    /// distance from whatever base LR a sweep or a schedule comparison trains with.
    let upper (lrMax: float) (baseLr: float) (maxFactor: float option) : float =
        match maxFactor with
        | Some factor -> min lrMax (factor * baseLr)
        | None -> lrMax
