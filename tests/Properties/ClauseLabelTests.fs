/// The labelled clauses of `Clauses` at work: a failing property names the clause that broke and its values.
module AutoLR.Properties.ClauseLabelTests

open Xunit
open FsCheck
open FsCheck.FSharp
open AutoLR.Properties.Clauses

/// Check `property` on x = 3 (ten times) and return FsCheck's verdict.
let private check (property: int -> Property) : TestResult =
    let verdict = ref None
    let runner =
        { new IRunner with
            member _.OnStartFixture _ = ()
            member _.OnArguments (_, _, _) = ()
            member _.OnShrink (_, _) = ()
            member _.OnFinished (_, result) = verdict.Value <- Some result }
    Check.One(Config.Quick.WithMaxTest(10).WithRunner(runner), Prop.forAll (Arb.fromGen (Gen.constant 3)) property)
    verdict.Value.Value

/// The labels of a failed verdict, and the report FsCheck (and so FsCheck.Xunit) prints for it.
let private failure (verdict: TestResult) : Set<string> * string =
    match verdict with
    | TestResult.Failed (data, _, _, _, _, _, _) -> data.Labels, Runner.onFinishedToString "property" verdict
    | other -> failwith $"Expected the property to fail, got {other}"

[<Fact>]
let ``a broken clause fails the property under its label, with the expected and observed values`` () =
    let labels, report =
        check (fun x -> (x > 0 |@ "x is positive") .&. equals "x" 2 x .&. near "half x" 1.5 (float x / 2.0)) |> failure
    Assert.Equal<Set<string>>(set [ "x: expected 2, observed 3" ], labels)
    Assert.Contains("x: expected 2, observed 3", report)

[<Fact>]
let ``every broken clause is reported, where && would have stopped at the first`` () =
    let labels, _ = check (fun x -> equals "first" 1 x .&. (x > 0 |@ "x is positive") .&. equals "second" 2 x) |> failure
    Assert.Equal<Set<string>>(set [ "first: expected 1, observed 3"; "second: expected 2, observed 3" ], labels)

[<Fact>]
let ``every names the failing item besides the clause that broke`` () =
    let labels, _ =
        check (fun x -> [ 1 .. x ] |> every (fun i -> $"item {i}") (fun i -> equals "square" (i * i) (if i = 2 then 5 else i * i)))
        |> failure
    Assert.Equal<Set<string>>(set [ "item 2"; "square: expected 4, observed 5" ], labels)

[<Fact>]
let ``a lazy clause after a broken guard reports the guard, not the exception the clause would throw`` () =
    let labels, _ = check (fun x -> let a = Array.zeroCreate<int> (x - 3) in equals "length" 2 a.Length .&. lazy (equals "first" 0 a[0])) |> failure
    Assert.Equal<Set<string>>(set [ "length: expected 2, observed 0" ], labels)

[<Fact>]
let ``about labels the statement with the observed values, floats in full precision`` () =
    let labels, _ = check (fun x -> about "all below 1" [| 0.5; 1.0 + 1e-12 |] false) |> failure
    Assert.Equal<Set<string>>(set [ "all below 1; observed [|0.5; 1.000000000001|]" ], labels)

[<Fact>]
let ``clauses that all hold pass, and noClaim passes`` () =
    let verdict = check (fun x -> (x > 0 |@ "x is positive") .&. equals "x" 3 x .&. near "half x" 1.5 (float x / 2.0) .&. noClaim)
    Assert.True(verdict.IsPassed, $"{verdict}")
