namespace AutoLR.RuleFiles

open System
open System.Collections.Concurrent
open System.IO
open AutoLR.Algorithms

/// The rule files of this process, each compiled once per content: validation and every stage of the run (a sweep's
/// cells, a comparison's methods) share one compilation, and an edited file (another hash) is compiled anew.
/// A compiled rule file: the SHA-256 of the bytes that were compiled, and their rules.
type RuleFile = { Sha256: string; Rules: UserRuleSet }

module RuleFiles =
    let private compiled = ConcurrentDictionary<string * string, Lazy<Result<RuleFile, string>>>()

    /// The rules of the file at `path` under their settings' names (`user:NAME`), each checked on every call
    /// (`UserRuleSet.checkedFrom`), with the hash of what was compiled, or a sentence saying why there are none: no
    /// such file, compiler errors, bad names.
    let load (path: string) : Result<RuleFile, string> =
        if not (File.Exists path) then
            Error $"there is no file {path} (a relative path is taken from the working directory); give the path of your .fsx rule file."
        else
            // One read for the hash and the text, so that what is compiled is what the hash names.
            let bytes = File.ReadAllBytes path
            let hash = RuleFileHash.ofBytes bytes
            let key = Path.GetFullPath path, hash
            let compile () =
                // The reader drops a byte-order mark, which the compiler would read as a character of line 1.
                use reader = new StreamReader(new MemoryStream(bytes), Text.Encoding.UTF8, true)
                match RuleScript.compile path (reader.ReadToEnd()) with
                | Error problem -> Error $"the rule file {path}: {problem}"
                | Ok rules ->
                    match UserRuleSet.nameProblems rules with
                    | [] -> Ok { Sha256 = hash; Rules = UserRuleSet.checkedFrom path rules }
                    | problems -> Error($"the rule file {path}: " + String.concat " " problems)
            compiled.GetOrAdd(key, fun _ -> lazy (compile ())).Value
