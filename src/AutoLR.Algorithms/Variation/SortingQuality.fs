namespace AutoLR.Algorithms

module SortingQuality =
    /// σ(v_k) of eq. 9: the 1-based ascending rank of each v_k. Ties are ranked by layer index (a stable sort),
    /// so equal values count as ordered.
    let ranks (variations: float[]) : int[] =
        let ranked = Array.zeroCreate variations.Length
        variations
        |> Array.mapi (fun k v -> k, v)
        |> Array.sortWith (fun (i, a) (j, b) -> match compare a b with 0 -> compare i j | c -> c)
        |> Array.iteri (fun position (k, _) -> ranked[k] <- position + 1)
        ranked

    /// Eq. 9: SQ = 1 − (2/K²) Σ_k |k − σ(v_k)|, in [0, 1]; 1 exactly when v is non-decreasing.
    /// Undefined (NaN) when any v_k is NaN or ±∞, since a diverged trial has no order; 1 for K ≤ 1.
    let sortingQuality (variations: float[]) : float =
        let k = variations.Length
        if variations |> Array.exists (fun v -> System.Double.IsNaN v || System.Double.IsInfinity v) then nan
        elif k <= 1 then 1.0
        else
            let displacement =
                ranks variations |> Array.mapi (fun i rank -> abs (i + 1 - rank)) |> Array.sum
            1.0 - 2.0 * float displacement / float (k * k)
