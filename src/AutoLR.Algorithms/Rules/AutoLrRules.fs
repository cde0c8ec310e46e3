namespace AutoLR.Algorithms

/// Algorithm 2, line 10: does the trial pass (the paper: SQ > τ)?
type AcceptanceRule = RuleInput -> bool

/// Eqs. 10–11 and their alternatives: epoch 1's targets, fixed at the epoch's first failed trial; `Error (EmptyRange _)`
/// when the rule has no ramp between its ends (the controller then accepts the trial).
type InitialTargetRule = RuleInput -> Result<float[], TargetError>

/// Eqs. 12–13 and their alternatives: the targets of later epochs, with the events of their making.
type TargetRenewalRule = RuleInput -> TargetRenewal

/// Eqs. 15–16 and their alternatives: (trial, targets) → η' toward the targets, clamped into [LrMin, LrMax], with the events.
type LrRenewalRule = RuleInput -> float[] -> LrRenewal

/// Divergence policy, part 1: did the trial diverge (or explode)?
type DivergenceRule = RuleInput -> bool

/// Divergence policy, part 2: the LRs to retry a diverged trial with (clamped afterwards), with events.
type BackOffRule = RuleInput -> float[] * TrialEvent list

/// A rule as users choose it: the name the command line, help, validation and config.json use, a one-line description
/// for help and messages, and the rule itself.
type NamedRule<'Rule> = { Name: string; Description: string; Rule: 'Rule }

/// The parts of Algorithm 2 a researcher varies, as values (optax-style, shared/STYLE.md): `AutoLrController.decide`
/// judges a trial, sets targets and renews LRs through these functions only, each reading the trial from one
/// `RuleInput`. `AutoLrRules.paper` is the paper's choice of each (the first entry of every `RuleCatalog` list); swap
/// one with `{ AutoLrRules.paper with RenewLearningRates = ... }`, or by name through `RuleCatalog`.
type AutoLrRules =
    { Accepts: AcceptanceRule
      InitialTargets: InitialTargetRule
      RenewTargets: TargetRenewalRule
      RenewLearningRates: LrRenewalRule
      Diverged: DivergenceRule
      BackOff: BackOffRule }
