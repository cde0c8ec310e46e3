namespace AutoLR.RuleFiles

open System.Collections.Concurrent
open System.IO
open AutoLR.Algorithms

/// The rule files of this process, each compiled once per content: validation and every stage of the run (a sweep's
/// cells, a comparison's methods) share one compilation, and an edited file (another hash) is compiled anew.
module RuleFiles =
    let private compiled = ConcurrentDictionary<string * string, Lazy<Result<UserRuleSet, string>>>()

    /// The rules of the file at `path` under their settings' names (`user:NAME`), each checked on every call
    /// (`UserRuleSet.checkedFrom`), or a sentence saying why there are none: no such file, compiler errors, bad names.
    let load (path: string) : Result<UserRuleSet, string> =
        if not (File.Exists path) then
            Error $"there is no file {path} (a relative path is taken from the working directory); give the path of your .fsx rule file."
        else
            let key = Path.GetFullPath path, RuleFileHash.sha256 path
            let compile () =
                match RuleScript.compile path with
                | Error problem -> Error $"the rule file {path}: {problem}"
                | Ok rules ->
                    match UserRuleSet.nameProblems rules with
                    | [] -> Ok(UserRuleSet.checkedFrom path rules)
                    | problems -> Error($"the rule file {path}: " + String.concat " " problems)
            compiled.GetOrAdd(key, fun _ -> lazy (compile ())).Value
