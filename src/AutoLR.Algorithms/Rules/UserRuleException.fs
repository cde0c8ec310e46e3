namespace AutoLR.Algorithms

open System

/// A rule of a user's rule file threw, or returned what the controller cannot use: the run must stop (an exception,
/// not a `Result`, so that it leaves the epoch at once and the last checkpoint stays the run's newest state).
type UserRuleException(message: string, inner: exn | null) =
    inherit Exception(message, inner)
