using System.Runtime.InteropServices;
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
            ["options"] = JsonSerializer.SerializeToNode(options),
            ["machine"] = new JsonObject
            {
                ["os"] = RuntimeInformation.OSDescription,
                ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
                ["runtime"] = RuntimeInformation.FrameworkDescription,
                ["processors"] = Environment.ProcessorCount,
            },
        };
        root["provenance"]!.AsObject()["run"] = run;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
