using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConsensusSim.Cli;

/// <summary>
/// Adds what the command line knows about a run — the options it was given and the machine — to a
/// result file's provenance. Kept out of the library's result, whose identity must not depend on them.
/// </summary>
internal static class RunRecord
{
    public static string Annotate(string resultJson, IReadOnlyDictionary<string, object?> options)
    {
        var root = JsonNode.Parse(resultJson)!.AsObject();
        var run = new JsonObject
        {
            ["command"] = "consensussim " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            ["options"] = new JsonObject(options.Select(o => KeyValuePair.Create(o.Key, ToNode(o.Value)))),
            ["machine"] = new JsonObject
            {
                ["os"] = RuntimeInformation.OSDescription,
                ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
                ["runtime"] = RuntimeInformation.FrameworkDescription,
                ["processors"] = Environment.ProcessorCount,
                ["vectorInstructions"] = VectorInstructions,
            },
        };
        root["provenance"]!.AsObject()["run"] = run;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// The widest vector instructions the runtime uses on this machine, which decide the engine's paths (the results do
    /// not depend on them): "AVX-512", "AVX2", "128-bit" or "none".
    /// </summary>
    public static string VectorInstructions =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? "AVX-512"
        : Vector256.IsHardwareAccelerated && Avx2.IsSupported ? "AVX2"
        : Vector128.IsHardwareAccelerated ? "128-bit"
        : "none";

    /// <summary>
    /// An option's value as JSON, built by hand as the serializer writes it: reflection-based serialization is not
    /// available in a Native AOT build of the tool.
    /// </summary>
    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        System.Collections.IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToNode)]),
        _ => JsonValue.Create(value.ToString()),
    };
}
