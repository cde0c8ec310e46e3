namespace AutoLR.RuleFiles

open System
open System.IO
open System.Security.Cryptography

/// The identity of a rule file: the SHA-256 of its bytes, as config.json records it, so that a resume can tell the
/// rule that made the run's trace from an edited one.
module RuleFileHash =
    /// Lower-case hexadecimal SHA-256 of bytes.
    let ofBytes (bytes: byte[]) : string = Convert.ToHexStringLower(SHA256.HashData bytes)

    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    let sha256 (path: string) : string = ofBytes (File.ReadAllBytes path)
