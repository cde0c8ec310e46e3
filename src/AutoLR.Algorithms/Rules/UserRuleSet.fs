namespace AutoLR.Algorithms

/// The rules of a user's rule file (`--rule-file`), by kind of `AutoLrRules`. The file binds `rules` to one, e.g.
/// `let rules = { UserRuleSet.empty with LrRenewal = [ { Name = "mine"; Description = "..."; Rule = ... } ] }`, and
/// the setting of each kind chooses one as `user:NAME` beside the catalogue's (`RuleCatalog`) names.
type UserRuleSet =
    { Acceptance: NamedRule<AcceptanceRule> list
      InitialTargets: NamedRule<InitialTargetRule> list
      TargetRenewal: NamedRule<TargetRenewalRule> list
      LrRenewal: NamedRule<LrRenewalRule> list
      Divergence: NamedRule<DivergenceRule> list
      BackOff: NamedRule<BackOffRule> list }

module UserRuleSet =
    /// What a user's rule is called on the command line and in config.json: `user:NAME`, never a catalogue name.
    let prefix = "user:"

    /// No rules: what a run without a rule file has, and what a rule file starts from.
    let empty : UserRuleSet =
        { Acceptance = []; InitialTargets = []; TargetRenewal = []; LrRenewal = []; Divergence = []; BackOff = [] }

    /// The names of the set's rules, kind by kind in the order of `AutoLrRules`: as the file wrote them, or as the
    /// settings spell them (`user:NAME`) once `checkedFrom` has renamed them.
    let names (rules: UserRuleSet) : (string * string list) list =
        let of' (catalogue: NamedRule<'Rule> list) = catalogue |> List.map (fun r -> r.Name)
        [ "acceptance", of' rules.Acceptance
          "initial-target", of' rules.InitialTargets
          "target-renewal", of' rules.TargetRenewal
          "LR-renewal", of' rules.LrRenewal
          "divergence", of' rules.Divergence
          "back-off", of' rules.BackOff ]

    /// What is wrong with the names of a file's set (empty, with spaces, twice in one kind), one sentence each; empty
    /// when none.
    let nameProblems (rules: UserRuleSet) : string list =
        [ for kind, written in names rules do
              for name in written do
                  if name.Trim() = "" || name |> Seq.exists System.Char.IsWhiteSpace then
                      yield $"the {kind} rule '{name}' needs a name without spaces, e.g. \"my-rule\"."
              for name in written |> List.countBy id |> List.filter (fun (_, n) -> n > 1) |> List.map fst do
                  yield $"two {kind} rules are named '{name}'; give each its own name." ]

    /// Runs a user's rule on one trial: an exception, or output that `problem` finds wrong, stops the run with a
    /// message naming the rule, its file, the epoch and the trial.
    let private guarded (source: string) (kind: string) (name: string) (trial: RuleInput) (problem: 'Output -> string option) (run: unit -> 'Output) : 'Output =
        let stop (what: string) (inner: exn | null) =
            raise (
                UserRuleException(
                    $"The {kind} rule '{prefix}{name}' of the rule file {source} {what} in epoch {trial.Epoch}, trial {trial.Trial}. " +
                    "The run stopped there; its newest checkpoint (the end of the last finished epoch) is intact. " +
                    "Fix the rule, then start a new run: a resume refuses a changed rule file, since one run's trace comes from one rule.",
                    inner))
        let output =
            try run () with
            | :? UserRuleException -> reraise ()
            | e -> stop $"threw {e.GetType().Name}: {e.Message}" e
        match problem output with
        | Some wrong -> stop $"returned output the controller cannot use: {wrong}" null
        | None -> output

    let private named (rule: NamedRule<'Rule>) (checkedRule: 'Rule) : NamedRule<'Rule> =
        { Name = prefix + rule.Name; Description = rule.Description; Rule = checkedRule }

    /// The same rules under their settings' names (`user:NAME`), each checked on every call (`RuleOutputCheck`): one
    /// that throws or returns a wrong length, a NaN or a non-positive LR or target raises `UserRuleException` naming
    /// `source` (the rule file), the epoch and the trial.
    let checkedFrom (source: string) (rules: UserRuleSet) : UserRuleSet =
        let noCheck _ = None
        let blocks (trial: RuleInput) = trial.Lrs.Length
        { Acceptance =
            rules.Acceptance |> List.map (fun r -> named r (fun trial -> guarded source "acceptance" r.Name trial noCheck (fun () -> r.Rule trial)))
          InitialTargets =
            rules.InitialTargets |> List.map (fun r ->
                named r (fun trial ->
                    guarded source "initial-target" r.Name trial
                        (function Ok targets -> RuleOutputCheck.targets (blocks trial) targets | Error _ -> None)
                        (fun () -> r.Rule trial)))
          TargetRenewal =
            rules.TargetRenewal |> List.map (fun r ->
                named r (fun trial ->
                    guarded source "target-renewal" r.Name trial
                        (fun (renewal: TargetRenewal) -> if isNull (box renewal) then Some "it returned null" else RuleOutputCheck.targets (blocks trial) renewal.Targets)
                        (fun () -> r.Rule trial)))
          LrRenewal =
            rules.LrRenewal |> List.map (fun r ->
                named r (fun trial targets ->
                    guarded source "LR-renewal" r.Name trial
                        (fun (renewal: LrRenewal) -> if isNull (box renewal) then Some "it returned null" else RuleOutputCheck.learningRates (blocks trial) renewal.Lrs)
                        (fun () -> r.Rule trial targets)))
          Divergence =
            rules.Divergence |> List.map (fun r -> named r (fun trial -> guarded source "divergence" r.Name trial noCheck (fun () -> r.Rule trial)))
          BackOff =
            rules.BackOff |> List.map (fun r ->
                named r (fun trial ->
                    guarded source "back-off" r.Name trial
                        (fun (lrs: float[], _) -> RuleOutputCheck.learningRates (blocks trial) lrs)
                        (fun () -> r.Rule trial))) }
