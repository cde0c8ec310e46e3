namespace AutoLR.Algorithms

/// Eqs. 10–11 and their alternatives: epoch 1's targets from α, β and the variations of the epoch's first failed
/// trial; `Error (EmptyRange _)` when the rule has no ramp between its ends (the controller then accepts the trial).
type InitialTargetRule = float -> float -> float[] -> Result<float[], TargetError>

/// The parts of Algorithm 2 a researcher varies, as values (optax-style, shared/STYLE.md): `AutoLrController.decide`
/// judges a trial, sets targets and renews LRs through these functions only. `AutoLrRules.paper` is the paper's choice
/// of each; swap one with `{ AutoLrRules.paper with InitialTargets = ... }`, or by name through `RuleCatalog`.
type AutoLrRules =
    { /// Eq. 9 against τ (Algorithm 2, line 10): does a trial of this sorting quality pass? (sortingQuality, τ) → accept.
      Accepts: float -> float -> bool
      /// Eqs. 10–11: (α, β, v) → targets of epoch 1.
      InitialTargets: InitialTargetRule
      /// Eqs. 12–13: (α, β, floor fraction, v) → targets of later epochs, with the events of the walk.
      RenewTargets: float -> float -> float -> float[] -> TargetRenewal
      /// Eqs. 15–16: (LrMin, LrMax, η, targets, v) → η' clamped into [LrMin, LrMax], with the clamp events.
      RenewLearningRates: float -> float -> float[] -> float[] -> float[] -> LrRenewal
      /// Divergence policy, part 1: (chance loss ln C, train loss, v) → did the trial diverge (or explode)?
      Diverged: float -> float -> float[] -> bool
      /// Divergence policy, part 2: (η, v) of a diverged trial → LRs to retry with (clamped afterwards), with events.
      BackOff: float[] -> float[] -> float[] * TrialEvent list }

module AutoLrRules =
    /// The paper's rules: accept when SQ > τ (Algorithm 2, line 10), the linear ramp of eqs. 10–11, the partial renewal of
    /// eqs. 12–13, η' = η · target / v of eqs. 15–16; a NaN/∞ trial or a loss above 100 × ln C diverged, retried with its blown-up blocks' LRs halved.
    let paper : AutoLrRules =
        { Accepts = fun sortingQuality tau -> sortingQuality > tau
          InitialTargets = InitialTargets.initialTargets
          RenewTargets = PartialRenewal.renewTargets
          RenewLearningRates = LrRenewal.renewLearningRates
          Diverged = DivergencePolicy.diverged
          BackOff = DivergencePolicy.halveBlownUp }
