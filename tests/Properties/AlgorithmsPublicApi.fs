/// The AutoLR.Algorithms package's public API is the committed list src/AutoLR.Algorithms/PublicAPI.txt: a type or
/// member added, removed or changed without its line fails here, with the difference and how to accept it.
module AutoLR.Properties.AlgorithmsPublicApi

open System
open System.IO
open System.Reflection
open Xunit
open AutoLR.Algorithms

let private listFile = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, "../../src/AutoLR.Algorithms/PublicAPI.txt"))

/// A type's name as C# callers see it, generic arguments spelled out: FSharpOption<Double[]>.
let rec private typeName (t: Type) : string =
    let text (s: string | null) = match s with null -> "" | s -> s
    if t.IsArray then typeName (nonNull (t.GetElementType())) + "[" + String(',', t.GetArrayRank() - 1) + "]"
    elif t.IsByRef then typeName (nonNull (t.GetElementType())) + "&"
    elif t.IsGenericParameter then t.Name
    else
        let outer =
            match t.DeclaringType with
            | null -> (match t.Namespace with null -> "" | ns -> ns + ".")
            | declaring when t.IsNested -> typeName declaring + "+"
            | _ -> ""
        if t.IsGenericType then
            let name = t.Name.Substring(0, t.Name.IndexOf '`')
            outer + name + "<" + String.Join(", ", t.GetGenericArguments() |> Array.map typeName) + ">"
        else outer + text t.Name

let private parameters (ps: ParameterInfo[]) = String.Join(", ", ps |> Array.map (fun p -> typeName p.ParameterType + " " + p.Name))

let private kind (t: Type) =
    if t.IsInterface then "interface"
    elif t.IsEnum then "enum"
    elif t.IsValueType then "struct"
    elif t.IsAbstract && t.IsSealed then "static class"
    elif t.IsAbstract then "abstract class"
    elif t.IsSealed then "sealed class"
    else "class"

let private memberLine (m: MemberInfo) : string option =
    match m with
    | :? ConstructorInfo as c -> Some $".ctor({parameters (c.GetParameters())})"
    | :? MethodInfo as mi when not mi.IsSpecialName ->
        let generic = if mi.IsGenericMethod then "<" + String.Join(", ", mi.GetGenericArguments() |> Array.map typeName) + ">" else ""
        let modifier = if mi.IsStatic then "static " else ""
        Some $"{modifier}{mi.Name}{generic}({parameters (mi.GetParameters())}) -> {typeName mi.ReturnType}"
    | :? PropertyInfo as p ->
        let isPublic (m: MethodInfo | null) = match m with null -> false | m -> m.IsPublic
        let accessors = [ if isPublic p.GetMethod then "get"
                          if isPublic p.SetMethod then "set" ]
        let modifier = match p.GetMethod with null -> "" | m when m.IsStatic -> "static " | _ -> ""
        let index = match p.GetIndexParameters() with [||] -> "" | ps -> "[" + parameters ps + "]"
        Some $"{modifier}{p.Name}{index} {{ {String.Join(' ', accessors)} }} : {typeName p.PropertyType}"
    | :? FieldInfo as f -> Some $"""{(if f.IsStatic then "static " else "")}field {f.Name} : {typeName f.FieldType}"""
    | :? EventInfo as e -> Some $"event {e.Name} : {typeName (nonNull e.EventHandlerType)}"
    | _ -> None

/// One line per exported type (its kind and base type) and one per public member it declares, sorted ordinally.
let private publicApi () : string[] =
    let flags = BindingFlags.Public ||| BindingFlags.Instance ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly
    typeof<ControllerOptions>.Assembly.GetExportedTypes()
    |> Array.collect (fun t ->
        let name = typeName t
        let baseType =
            match t.BaseType with
            | null -> ""
            | b when b = typeof<obj> || t.IsValueType -> ""
            | b -> " : " + typeName b
        let members = t.GetMembers flags |> Array.choose memberLine |> Array.map (fun m -> name + " :: " + m)
        Array.append [| $"{name} ({kind t}{baseType})" |] members)
    |> Array.distinct
    |> Array.sortWith (fun a b -> String.CompareOrdinal(a, b))

[<Fact>]
let ``the public API of AutoLR.Algorithms is the committed list`` () =
    let actual = publicApi ()
    if Environment.GetEnvironmentVariable "AUTOLR_UPDATE_PUBLIC_API" = "1" then
        File.WriteAllLines(listFile, actual)
    let listed = if File.Exists listFile then File.ReadAllLines listFile else [||]
    let added = actual |> Array.except listed
    let removed = listed |> Array.except actual
    if added.Length > 0 || removed.Length > 0 then
        let show sign (lines: string[]) = lines |> Array.map (fun l -> sign + " " + l) |> String.concat "\n"
        let addedLines, removedLines = show "+" added, show "-" removed
        failwith (
            $"AutoLR.Algorithms' public API differs from {listFile}:\n{addedLines}\n{removedLines}\n"
            + "If the change is intended (and the package version says so), accept it with\n"
            + "  AUTOLR_UPDATE_PUBLIC_API=1 dotnet test tests/Properties -c Release --filter \"FullyQualifiedName~AlgorithmsPublicApi\"\n"
            + "and commit the list.")
