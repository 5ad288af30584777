using System.Diagnostics;
using System.Text.Json.Nodes;
using ConsensusSim.Engine;

namespace ConsensusSim.Tests.Cli;

/// <summary>
/// The same run gives the same result, bit for bit, whatever instructions the processor offers: the tool is run with the
/// runtime's 512-bit vectors, its AVX-512, its AVX2 and every vector instruction switched off in turn (the .NET runtime's
/// <c>DOTNET_PreferredVectorBitWidth</c> and <c>DOTNET_Enable…</c> settings), which takes the votes of sixteen States a
/// step, of eight (with and without the AVX-512 instructions the eight-at-once linkage draw needs), and the scalar ones.
/// The agenda-setting Chair's runs also take the win-set solvers' eight-lane scans (whole, or in two halves without
/// AVX-512) and, with no vector instructions, their own four-lane loops; under linear loss, in two and in three dimensions,
/// the linear program's multipliers summed in registers (four rows) and its ratio test in registers (six), or without
/// AVX2 their scalar forms. A switch for instructions this processor lacks changes nothing, so each machine checks the
/// paths it has; each run's record of the instructions it used shows the switch took effect.
/// </summary>
public sealed class InstructionSetTests : IDisposable
{
    private static readonly string[][] Settings =
    [
        [],
        ["DOTNET_PreferredVectorBitWidth=256"],
        ["DOTNET_EnableAVX512=0"],
        ["DOTNET_EnableAVX2=0"],
        ["DOTNET_EnableHWIntrinsic=0"],
    ];

    /// <summary>The instructions a run may record under each setting of <see cref="Settings"/>: what it switched off is not used.</summary>
    private static readonly string[][] Allowed =
    [
        ["AVX-512", "AVX2", "128-bit", "none"],
        ["AVX2", "128-bit", "none"],
        ["AVX2", "128-bit", "none"],
        ["128-bit", "none"],
        ["none"],
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("consensussim-isa-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Runs() =>
        ["default", "default-conditional", "one-vote", "compromise-rounds", "objections-in-blocs", "agenda-setter-linear", "agenda-setter-quadratic", "agenda-setter-linear-2d"];

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_run_gives_the_same_result_with_and_without_each_vector_instruction_set(string name)
    {
        string[] args = name switch
        {
            "default" => ["run", "-n", "100000"],
            "default-conditional" => ["run", "-n", "50000", "--conditional"],
            "one-vote" => ["run", Write(name, Stance("\"procedure\": { \"maxRounds\": 1 }")), "-n", "100000"],
            "compromise-rounds" => ["run", Write(name, Stance("\"chair\": { \"strategy\": \"compromise\" }, \"procedure\": { \"maxRounds\": 6 }")), "-n", "30000"],
            "agenda-setter-linear" => ["run", Write(name, AgendaSetter("linear")), "-n", "20000"],
            "agenda-setter-quadratic" => ["run", Write(name, AgendaSetter("quadratic")), "-n", "20000"],
            "agenda-setter-linear-2d" => ["run", Write(name, AgendaSetterInTwoDimensions), "-n", "20000"],
            _ => ["run", Write(name, Objections), "-n", "100000"],
        };

        JsonNode? first = null;
        for (int k = 0; k < Settings.Length; k++)
        {
            string[] setting = Settings[k];
            var result = await Run(args, setting, name);
            var machine = result["provenance"]!["run"]!["machine"]!.AsObject();
            string used = (string)machine["vectorInstructions"]!;
            Assert.True(Allowed[k].Contains(used), $"with {string.Join(' ', setting)} the run used {used}: the runtime ignored the setting");
            machine.Remove("vectorInstructions");
            first ??= result;
            Assert.True(JsonNode.DeepEquals(first, result), $"{name}: the result with {string.Join(' ', setting)} differs from the result with every instruction set:\n{result}\nagainst\n{first}");
        }

        // Some trials adopted and some did not: a run that decided the same way every time would hide a vote that differs.
        double adopted = first!["outcomes"]!["adopted"]!["probability"]!.GetValue<double>();
        Assert.InRange(adopted, 0.001, 0.999);
    }

    [Fact]
    public void The_eight_state_vote_is_taken_for_at_most_seven_correlated_blocs_and_the_wide_vote_for_fifteen()
    {
        // The zero slot counts as a bloc: the register of shocks has eight slots in the one, sixteen in the other.
        Assert.Equal(LatentVote.Wide || LatentVote256.Available, LatentVote.VectorAvailable(8));
        Assert.Equal(LatentVote.Wide, LatentVote.VectorAvailable(9));
        Assert.Equal(LatentVote.Wide, LatentVote.VectorAvailable(16));
        Assert.False(LatentVote.VectorAvailable(17));
    }

    private static string Stance(string rest) => $$"""
        {
          "name": "stance",
          "proposal": { "title": "t", "topic": "counter-terrorism", "body": "permanent-council", "statusQuo": [0, 0, 0], "draft": [0.9, 0.8, 0.9] },
          "rule": "consensus",
          "behaviour": { "model": "stance", "tension": 0.8, "blocCorrelation": 0.3 },
          "defaults": { "idealPoint": [0.6, 0.5, 0.6], "salience": [0.4, 0.2, 0.4], "blockingCost": 0.05, "noise": 0.3 },
          {{rest}},
          "simulation": { "seed": 11 }
        }
        """;

    /// <summary>
    /// The Chair solving the win-set in every trial: random ideal points around a status quo outside them, so that most
    /// trials table a text (the linear program under linear loss, the ball projection under quadratic).
    /// </summary>
    private static string AgendaSetter(string loss) => $$"""
        {
          "name": "agenda setter, {{loss}} loss",
          "proposal": { "title": "t", "topic": "counter-terrorism", "body": "permanent-council", "statusQuo": [0.1, 0.1, 0.1], "draft": [0.6, 0.6, 0.6] },
          "rule": "consensus",
          "chair": { "strategy": "agenda-setter", "state": "CHE" },
          "behaviour": { "model": "stance", "loss": "{{loss}}", "blocCorrelation": 0.3 },
          "defaults": { "idealPoint": [{ "uniform": [0.3, 0.7] }, { "uniform": [0.3, 0.7] }, { "uniform": [0.3, 0.7] }], "salience": [0.4, 0.3, 0.3], "blockingCost": 0.02, "noise": 0.05 },
          "simulation": { "seed": 13 }
        }
        """;

    /// <summary>The linear program's basis has four rows in two dimensions: its multipliers are summed in one 256-bit vector.</summary>
    private const string AgendaSetterInTwoDimensions = """
        {
          "name": "agenda setter, two dimensions",
          "dimensions": ["security", "rights"],
          "proposal": { "title": "t", "topic": "counter-terrorism", "body": "permanent-council", "statusQuo": [0.1, 0.1], "draft": [0.6, 0.6] },
          "rule": "consensus",
          "chair": { "strategy": "agenda-setter", "state": "CHE" },
          "behaviour": { "model": "stance", "loss": "linear", "blocCorrelation": 0.3 },
          "defaults": { "idealPoint": [{ "uniform": [0.3, 0.7] }, { "uniform": [0.3, 0.7] }], "salience": [0.6, 0.4], "blockingCost": 0.02, "noise": 0.05 },
          "simulation": { "seed": 14 }
        }
        """;

    private const string Objections = """
        {
          "name": "objections in blocs",
          "proposal": { "title": "t", "topic": "migration", "body": "permanent-council", "statusQuo": [0, 0, 0], "draft": [0.5, 0.5, 0.5] },
          "rule": "consensus",
          "behaviour": { "model": "fixed-objection", "blocCorrelation": 0.4 },
          "defaults": { "objectionProbability": 0.01 },
          "simulation": { "seed": 12 }
        }
        """;

    private string Write(string name, string json)
    {
        string path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Runs the tool with <paramref name="environment"/> set and returns its JSON result, less the command line.</summary>
    private async Task<JsonNode> Run(string[] args, string[] environment, string name)
    {
        string json = Path.Combine(_dir, $"{name}-{environment.Length}-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll"));
        foreach (string a in args.Concat(["--json", json, "--threads", "2"]))
        {
            start.ArgumentList.Add(a);
        }

        foreach (string setting in environment)
        {
            string[] pair = setting.Split('=');
            start.Environment[pair[0]] = pair[1];
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"{string.Join(' ', environment)} consensussim {string.Join(' ', args)} exited {process.ExitCode}:\n{await stderr}");

        var result = JsonNode.Parse(File.ReadAllText(json))!;
        result["provenance"]!["run"]!.AsObject().Remove("command");
        return result;
    }
}
