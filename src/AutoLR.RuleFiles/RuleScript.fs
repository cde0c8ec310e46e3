namespace AutoLR.RuleFiles

open System
open System.IO
open AutoLR.Algorithms
open FSharp.Compiler.Diagnostics
open FSharp.Compiler.Interactive.Shell

/// Compiles a rule file — an F# script that binds `rules` to a `UserRuleSet` — in a hosted F# Interactive session
/// that references this process's AutoLR.Algorithms, so the script's rules are the controller's own types. The
/// session costs seconds (README: Your own rules, the measured time); a run pays it once, at start.
module RuleScript =
    /// How many compiler errors a message quotes: the first ones name the cause, later ones mostly follow from it.
    let firstErrors = 5

    let private errorsOf (diagnostics: FSharpDiagnostic[]) : string list =
        diagnostics
        |> Array.filter (fun d -> d.Severity = FSharpDiagnosticSeverity.Error)
        |> Array.truncate firstErrors
        |> Array.map (fun d -> $"{d.Range.FileName}({d.StartLine},{d.StartColumn + 1}): error FS{d.ErrorNumber:D4}: {d.Message}")
        |> List.ofArray

    /// The `UserRuleSet` that `text`, the script read from `path`, binds to `rules`, or what is wrong: the compiler's
    /// first errors, an exception the script threw, or a missing or mistyped `rules`.
    let compile (path: string) (text: string) : Result<UserRuleSet, string> =
        let output = new StringWriter()
        let session =
            FsiEvaluationSession.Create(
                FsiEvaluationSession.GetDefaultConfiguration(),
                [| "fsi"; "--noninteractive"; "--nologo"; "--quiet"; $"-r:{typeof<UserRuleSet>.Assembly.Location}" |],
                new StringReader(""), output, output, collectible = false)
        // The line directive makes every error name the file and its own line numbers; the script's text is evaluated
        // as one interaction so that `rules` is bound in the session, whatever the file is called.
        match session.EvalInteractionNonThrowing $"# 1 \"{path}\"\n{text}\nopen AutoLR.Algorithms\n" with
        | Choice2Of2 failure, diagnostics ->
            match errorsOf diagnostics with
            | [] -> Error $"it failed while it ran: {failure.GetBaseException().Message}"
            | errors -> Error("it does not compile:\n  " + String.Join("\n  ", errors))
        | Choice1Of2 _, _ ->
            match session.EvalExpressionNonThrowing "rules" with
            | Choice1Of2(Some value), _ ->
                match value.ReflectionValue with
                | :? UserRuleSet as rules -> Ok rules
                | null -> Error "it binds `rules` to null; write `let rules = { UserRuleSet.empty with ... }`."
                | _ -> Error $"it binds `rules` to a {value.ReflectionType.Name}, not a UserRuleSet; write `let rules = {{ UserRuleSet.empty with ... }}`."
            | _ ->
                Error "it does not bind `rules`; end it with `let rules = { UserRuleSet.empty with LrRenewal = [ ... ] }` (README: Your own rules)."
