/// The clauses of a property, each labelled so that a failure says which clause broke and the values it saw, where
/// a plain `a && b && c` reports only "false". FsCheck 3's F# API has `Prop.label` and `.&.` but no `|@`.
/// Clauses are joined with `.&.`, which checks both sides and reports the labels of every side that failed. Unlike
/// `&&` it does not stop at the first failure, so a clause that would throw once an earlier one failed (an index
/// past a length found wrong) is written `.&. lazy (clause)`: its exception is then caught and the earlier clause's
/// label kept. A clause formats its values only when it fails: properties check thousands of clauses, and `%A` is
/// slow.
module AutoLR.Properties.Clauses

open System
open System.Globalization
open FsCheck
open FsCheck.FSharp
open Microsoft.FSharp.Reflection
open AutoLR.Properties.Generators

let rec private render (value: objnull) : string =
    let join (separator: string) (parts: seq<objnull>) = String.Join(separator, parts |> Seq.map render)
    let isOption (t: Type) = t.IsGenericType && t.GetGenericTypeDefinition() = typedefof<option<_>>
    match value with
    | null -> "None"
    | :? float as x -> x.ToString("R", CultureInfo.InvariantCulture)
    | :? float32 as x -> x.ToString("R", CultureInfo.InvariantCulture)
    | :? string as s -> sprintf "%A" s
    | :? Array as items -> "[|" + join "; " (Seq.cast items) + "|]"
    | :? Collections.IEnumerable as items -> "[" + join "; " (Seq.cast items) + "]"
    | value when FSharpType.IsTuple (value.GetType()) -> "(" + join ", " (Seq.cast (FSharpValue.GetTupleFields value)) + ")"
    | value when isOption (value.GetType()) -> "Some " + render (snd (FSharpValue.GetUnionFields (value, value.GetType()))).[0]
    | value -> sprintf "%A" value

/// A value as a failure shows it: floats in full (round-trip) precision, since `%A` prints 10 digits and clauses
/// compare to 1e-9; arrays, lists, options and tuples of them element by element; anything else as `%A` does.
let show (value: 'T) : string = render (box value)

/// A clause that holds, or no claim at all: for the cases a property says nothing about.
let noClaim : Property = Prop.ofTestable true

/// `holds |@ statement`: the clause, labelled with what it states (FsCheck 2's `|@`).
let (|@) (holds: bool) (statement: string) : Property =
    if holds then noClaim else Prop.label statement false

/// A clause about `observed`: a failure is labelled with the statement and the values.
let about (statement: string) (observed: 'T) (holds: bool) : Property =
    if holds then noClaim else Prop.label $"{statement}; observed {show observed}" false

/// `observed` agrees with `expected` under `agree` (called as `agree observed expected`): a failure is labelled
/// with what was compared and both values.
let agrees (agree: 'T -> 'T -> bool) (what: string) (expected: 'T) (observed: 'T) : Property =
    if agree observed expected then noClaim
    else Prop.label $"{what}: expected {show expected}, observed {show observed}" false

/// `observed = expected`, labelled.
let equals (what: string) (expected: 'T) (observed: 'T) : Property = agrees (=) what expected observed

/// `close observed expected` (relative 1e-9), labelled.
let near (what: string) (expected: float) (observed: float) : Property = agrees close what expected observed

/// `items |> every name clauses`: every item satisfies `clauses` (as `forall` does, joined with `.&.`); a failure is
/// labelled with the item's name besides the clause's own label.
let every (name: 'T -> string) (clauses: 'T -> Property) (items: seq<'T>) : Property =
    items |> Seq.map (fun item -> clauses item |> Prop.label (name item)) |> Seq.fold (.&.) noClaim

/// A 0-based block index as a failure names it: 1-based, as the paper and the trace count blocks.
let blockName (i: int) = $"block {i + 1}"
