module AutoLR.Properties.ScheduleProperties

open FsCheck.FSharp
open FsCheck.Xunit
open AutoLR.Algorithms
open AutoLR.Properties.Generators
open AutoLR.Properties.Clauses

/// A point (epoch 0-based, iteration in the epoch, layer 0..K+1, K).
let private point (itersPerEpoch: int) =
    gen {
        let! k = blockCount
        let! epoch = Gen.choose (0, 60)
        let! iteration = Gen.choose (0, itersPerEpoch - 1)
        let! layer = Gen.choose (0, k + 1)
        return epoch, iteration, layer, k
    }

/// Relative to the schedule's own scale (its largest LR), so that LRs near eta_min or 0 compare fairly.
let private closeAtScale (scale: float) (a: float) (b: float) = abs (a - b) <= 1e-9 * scale

[<Property(MaxTest = 500)>]
let ``a constant schedule gives its LR at every point`` () =
    Prop.forAll (arb (Gen.zip learningRate (point 10))) (fun (lr, p) -> equals "LR" lr (Schedules.learningRate (ConstantLr lr) p))

[<Property(MaxTest = 500)>]
let ``step decay equals PyTorch StepLR's recursive form`` () =
    let case = gen {
        let! lr = learningRate
        let! stepSize = Gen.choose (1, 20)
        let! gamma = uniform 0.05 0.95
        let! p = point 10
        return lr, stepSize, gamma, p }
    Prop.forAll (arb case) (fun (lr, stepSize, gamma, ((epoch, _, _, _) as p)) ->
        // StepLR.get_lr: multiply by gamma whenever last_epoch is a positive multiple of step_size.
        let mutable expected = lr
        for e in 1 .. epoch do
            if e % stepSize = 0 then expected <- expected * gamma
        near "LR" expected (Schedules.learningRate (StepDecay (lr, stepSize, gamma)) p))

let private cyclicCase =
    gen {
        let! baseLr = learningRate
        let! factor = uniform 1.5 20.0
        let! stepUp = Gen.choose (1, 200)
        let! iters = Gen.choose (1, 50)
        let! p = point iters
        return baseLr, baseLr * factor, stepUp, iters, p
    }

[<Property(MaxTest = 500)>]
let ``cyclic triangular is a triangle wave rising from base to max over stepSizeUp iterations and back`` () =
    Prop.forAll (arb cyclicCase) (fun (baseLr, maxLr, stepUp, iters, ((epoch, iteration, _, _) as p)) ->
        let position = (epoch * iters + iteration) % (2 * stepUp)
        let rise = if position <= stepUp then position else 2 * stepUp - position
        let expected = baseLr + (maxLr - baseLr) * float rise / float stepUp
        agrees (closeAtScale maxLr) $"LR at position {position} of the cycle" expected
            (Schedules.learningRate (CyclicTriangular (baseLr, maxLr, stepUp, iters)) p))

/// PyTorch's closed form base + (max − base)·h, which the schedule must equal, can land one ulp outside [base, max]
/// at the peak (h = 1) in floating point (seen: base 0.1340911144, max 0.428288092), so the bounds allow rounding at
/// the scale of max — about 2⁻⁴⁰ relative, far below any LR difference that matters.
[<Property(MaxTest = 500)>]
let ``cyclic triangular stays within [base, max]`` () =
    Prop.forAll (arb cyclicCase) (fun (baseLr, maxLr, stepUp, iters, p) ->
        let lr = Schedules.learningRate (CyclicTriangular (baseLr, maxLr, stepUp, iters)) p
        let rounding = 1e-12 * maxLr
        (baseLr - rounding <= lr |@ $"LR {lr} at least base {baseLr}") .&. (lr <= maxLr + rounding |@ $"LR {lr} at most max {maxLr}"))

let private sgdrCase =
    gen {
        let! lr = learningRate
        let! etaMin = Gen.elements [ 0.0; 1e-6 ]
        let! t0 = Gen.choose (1, 10)
        let! tMult = Gen.choose (1, 3)
        let! iters = Gen.choose (1, 20)
        let! p = point iters
        return lr, t0, tMult, etaMin, iters, p
    }

[<Property(MaxTest = 500)>]
let ``SGDR equals PyTorch CosineAnnealingWarmRestarts stepped once per iteration`` () =
    Prop.forAll (arb sgdrCase) (fun (lr, t0, tMult, etaMin, iters, ((epoch, iteration, _, _) as p)) ->
        // CosineAnnealingWarmRestarts.step(): T_cur += 1/iters; on T_cur ≥ T_i, T_cur −= T_i and T_i *= T_mult.
        // Counted here in whole iterations so that the restarts land exactly.
        let mutable tCur = 0
        let mutable tI = t0 * iters
        for _ in 1 .. epoch * iters + iteration do
            tCur <- tCur + 1
            if tCur >= tI then
                tCur <- tCur - tI
                tI <- tI * tMult
        let expected = etaMin + (lr - etaMin) * (1.0 + cos (System.Math.PI * float tCur / float tI)) / 2.0
        agrees (closeAtScale lr) $"LR at iteration {tCur} of a run of {tI}" expected
            (Schedules.learningRate (WarmRestarts (lr, t0, tMult, etaMin, iters)) p))

[<Property(MaxTest = 500)>]
let ``SGDR restarts at the base LR at the start of every run`` () =
    Prop.forAll (arb sgdrCase) (fun (lr, t0, tMult, etaMin, iters, (_, _, layer, k)) ->
        let schedule = WarmRestarts (lr, t0, tMult, etaMin, iters)
        // (start epoch, length in epochs) of the first six runs: lengths t0, t0·tMult, t0·tMult², …
        let runs = Seq.unfold (fun (start, length) -> Some ((start, length), (start + length, length * tMult))) (0, t0) |> Seq.take 6
        (runs
        |> Seq.pairwise
        |> every (fun (_, (start, _)) -> $"restart at epoch {start}") (fun ((_, previousLength), (start, _)) ->
            let atRestart = Schedules.learningRate schedule (start, 0, layer, k)
            let before = Schedules.learningRate schedule (start - 1, iters - 1, layer, k)
            // The last iteration before a restart is below the base LR unless the previous run was a single iteration.
            agrees (closeAtScale lr) "LR at the restart" lr atRestart
            .&. ((previousLength * iters = 1 || before < atRestart) |@ $"LR {before} just before the restart below the LR {atRestart} at it")))
        .&. equals "LR at the first iteration" lr (Schedules.learningRate schedule (0, 0, layer, k)))

let private layerCase = Gen.zip3 learningRate (uniform 0.3 0.99) blockCount

[<Property(MaxTest = 500)>]
let ``layer decay multiplies by decay once per layer below the head, and increases with the layer`` () =
    Prop.forAll (arb layerCase) (fun (lr, decay, k) ->
        let at layer = Schedules.learningRate (LayerDecay (lr, decay)) (0, 0, layer, k)
        // Head and block K at 1×; each step down towards the stem multiplies by decay once more.
        let mutable expected = lr
        let mutable ok = equals "head LR" lr (at (k + 1)) .&. equals $"block {k}'s LR" lr (at k)
        for layer in k - 1 .. -1 .. 0 do
            expected <- expected * decay
            ok <- ok .&. near $"layer {layer}'s LR" expected (at layer)
                  .&. (at layer < at (layer + 1) |@ $"layer {layer}'s LR {at layer} below layer {layer + 1}'s {at (layer + 1)}")
        ok)

[<Property(MaxTest = 500)>]
let ``discriminative LRs spread geometrically from lo at block 1 to hi at block K`` () =
    let case = gen {
        let! lo = logUniform -6.0 -3.0
        let! spread = uniform 1.5 100.0
        let! k = blockCount
        return lo, lo * spread, k }
    Prop.forAll (arb case) (fun (lo, hi, k) ->
        let at layer = Schedules.learningRate (Discriminative (lo, hi)) (3, 7, layer, k)
        let ratios = [ for layer in 1 .. k - 1 -> at (layer + 1) / at layer ]
        equals "stem LR" lo (at 0) .&. near "block 1's LR" lo (at 1) .&. near $"block {k}'s LR" hi (at k) .&. equals "head LR" hi (at (k + 1))
        .&. about "equal ratios between neighbouring blocks" ratios (ratios |> List.forall (close (List.head ratios)))
        .&. near "ratio between neighbouring blocks" ((hi / lo) ** (1.0 / float (k - 1))) (List.head ratios))
