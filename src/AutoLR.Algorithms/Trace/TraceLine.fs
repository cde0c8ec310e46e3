namespace AutoLR.Algorithms

open System
open System.Text.Json
open System.Text.Json.Nodes
open System.Text.Json.Serialization

/// A trace number: finite values as JSON numbers; NaN and ±∞ (a diverged trial has them, and JSON has no literal for
/// them) as the strings "NaN", "Infinity", "-Infinity". Reading also takes null as NaN.
type internal TraceNumberConverter() =
    inherit JsonConverter<float>()

    override _.Read(reader, _, _) =
        match reader.TokenType with
        | JsonTokenType.Number -> reader.GetDouble()
        | JsonTokenType.Null -> nan
        | JsonTokenType.String ->
            match reader.GetString() with
            | "NaN" -> nan
            | "Infinity" -> infinity
            | "-Infinity" -> -infinity
            | text -> raise (JsonException $"\"{text}\" is not a number; write a JSON number or \"NaN\", \"Infinity\", \"-Infinity\".")
        | token -> raise (JsonException $"expected a number, found {token}.")

    override _.Write(writer, value, _) =
        if Double.IsNaN value then writer.WriteStringValue "NaN"
        elif Double.IsPositiveInfinity value then writer.WriteStringValue "Infinity"
        elif Double.IsNegativeInfinity value then writer.WriteStringValue "-Infinity"
        else writer.WriteNumberValue value

/// One line of trace.jsonl (DESIGN.md §3) is a `TrialRecord` and nothing else: its fields in declaration order,
/// camelCase, options as the array or null. The Torch writer and every reader (tests, paper-figures) go through here,
/// so the record is the one declaration of the line's shape.
module TraceLine =
    /// The trace file's name in a run directory.
    [<Literal>]
    let FileName = "trace.jsonl"

    let private options =
        let options =
            JsonSerializerOptions(
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                PropertyNameCaseInsensitive = true,
                RespectRequiredConstructorParameters = true)
        options.Converters.Add(TraceNumberConverter())
        options.MakeReadOnly(true)
        options

    /// The JSON line (without the newline) of one trial.
    let write (record: TrialRecord) : string = JsonSerializer.Serialize(record, options)

    /// The line as a JSON object with every field that may be absent present: `window` is written only for probes
    /// and their epochs' completions, so full-epoch lines (and every line before probes existed) lack it. A name given
    /// twice is a JsonException (the default would throw ArgumentException at the first lookup).
    let private withOptionalFields (line: string) : JsonNode | null =
        match JsonNode.Parse(line, Nullable(), JsonDocumentOptions(AllowDuplicateProperties = false)) with
        | :? JsonObject as fields when not (fields.ContainsKey "window") ->
            fields["window"] <- null
            fields
        | node -> node

    /// Reads one line back. Error names what is wrong: not JSON, a field missing or of the wrong type, or per-block
    /// arrays whose lengths differ from `layers`.
    let read (line: string) : Result<TrialRecord, string> =
        // The deserialiser leaves null where the JSON says null; the record's types cannot say so.
        let isMissing (value: obj) = Object.ReferenceEquals(value, null)
        let parsed =
            try
                match JsonSerializer.Deserialize<TrialRecord>(withOptionalFields line, options) with
                | null -> Error "the line is null; it must be one JSON object per trial."
                | record -> Ok record
            with :? JsonException as e ->
                // A converter's own message carries no location; the path names the field.
                let at =
                    match e.Path with
                    | null -> ""
                    | path when path = "" || e.Message.Contains path -> ""
                    | path -> $" at {path}"
                Error $"not a trial record ({e.Message}{at})"
        match parsed with
        | Ok record when
            isMissing record.Layers || isMissing record.Lrs || isMissing record.Variations || isMissing record.Events
            ->
            Error "'layers', 'lrs', 'variations' and 'events' must be arrays, not null."
        | Ok record when record.Lrs.Length <> record.Layers.Length || record.Variations.Length <> record.Layers.Length ->
            Error
                $"'layers' names {record.Layers.Length} blocks but 'lrs' has {record.Lrs.Length} and 'variations' {record.Variations.Length}; each needs one value per block."
        | result -> result
