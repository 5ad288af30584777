using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using ConsensusSim.Simulation;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>
/// <c>consensussim slurm scenario.json --trials N --shards K --out dir [--submit]</c>: writes a Slurm
/// array job whose task i runs shard i+1 of K with its own checkpoint, and a merge job that depends
/// on it; the merged result equals a one-machine run bit for bit. With sweep options, the array's
/// tasks share the design points instead and the merge joins their rows.
/// </summary>
internal static class SlurmCommand
{
    public static Command Create(TextWriter stdout)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario file (JSON); omit for the embedded default.", Arity = ArgumentArity.ZeroOrOne };
        var trials = new Option<long?>("--trials", "-n") { Description = "Trials of the whole run (default: the scenario's); for a sweep, trials per design point." };
        var shards = new Option<int>("--shards", "-k") { Description = "Number of array tasks: shards of the run, or parts of the sweep.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the job scripts, the copied scenario, logs, checkpoints, shard results and the merged result.", Required = true };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Run seed (default: the scenario's); written into the scripts so every task uses it." };
        var partition = new Option<string?>("--partition", "-p") { Description = "Slurm partition (sbatch --partition)." };
        var time = new Option<string?>("--time") { Description = "Time limit per task, in Slurm's format, e.g. 02:00:00 (sbatch --time)." };
        var mem = new Option<string?>("--mem") { Description = "Memory per task, e.g. 2G (sbatch --mem)." };
        var cpus = new Option<int>("--cpus-per-task", "-c") { Description = "Cores per task; each task runs that many threads (results do not depend on it).", DefaultValueFactory = _ => 1 };
        var conditional = new Option<bool>("--conditional") { Description = "Every task also estimates P(adopted) by conditional Monte Carlo (run and sweep --conditional)." };
        var conditionalOnly = new Option<bool>("--conditional-only") { Description = "Every task estimates P(adopted) by conditional Monte Carlo alone (run and sweep --conditional-only)." };
        var chunk = new Option<int?>("--chunk-size") { Description = $"Trials per chunk (default {SimulationOptions.DefaultChunkSize:N0}); shards are ranges of chunks." };
        var every = new Option<double>("--checkpoint-every") { Description = $"Seconds between each task's checkpoints (default 30; at most {RunLimits.MaxCheckpointSeconds:N0}).", DefaultValueFactory = _ => 30 };
        var submit = new Option<bool>("--submit") { Description = "Submit both jobs with sbatch, the merge after the array (afterok)." };
        var tool = new Option<string?>("--command") { Description = "How a task starts this tool: words as a shell reads them, quoted where they hold spaces, written into the scripts quoted (default: the program running now, e.g. 'consensussim' or 'dotnet /path/ConsensusSim.Cli.dll'); shell operators, expansions and unbalanced quotes are refused: put such set-up in a script and give its path." };
        var vary = new Option<string[]>("--vary", "-v") { Description = "Make it a sweep: PATH=START:STOP:STEP or PATH=A,B,C (repeatable), as for 'consensussim sweep'." };
        var design = new Option<string?>("--design") { Description = "Make it a sweep: grid, lhs (with --points) or a CSV file of design points, as for 'consensussim sweep'." };
        var points = new Option<int?>("--points") { Description = "Latin hypercube points (--design lhs)." };
        var command = new Command("slurm", "Prepare (or with --submit, submit) a Slurm array job: task i runs shard i+1 of K with its own checkpoint and is requeued on node failure (sweep tasks resume after their finished design points); a merge job that depends on the array (afterok) writes result.json, bit-identical to one machine's run.")
        {
            scenario, trials, shards, output, seed, partition, time, mem, cpus, chunk, every, submit, tool, vary, design, points, conditional, conditionalOnly,
        };
        command.SetAction(parse => Execute(
            stdout,
            new SlurmOptions
            {
                ScenarioPath = parse.GetValue(scenario),
                Trials = parse.GetValue(trials),
                Shards = parse.GetValue(shards),
                Dir = parse.GetValue(output)!,
                Seed = parse.GetValue(seed),
                Partition = parse.GetValue(partition),
                Time = parse.GetValue(time),
                Mem = parse.GetValue(mem),
                Cpus = parse.GetValue(cpus),
                ChunkSize = parse.GetValue(chunk) ?? SimulationOptions.DefaultChunkSize,
                Command = parse.GetValue(tool) ?? DefaultCommand(),
                Vary = parse.GetValue(vary) ?? [],
                Design = parse.GetValue(design),
                Points = parse.GetValue(points),
                CheckpointEvery = parse.GetValue(every),
                Conditional = parse.GetValue(conditional),
                ConditionalOnly = parse.GetValue(conditionalOnly),
            },
            parse.GetValue(submit)));
        return ToolHelp.WithExamples(
            command,
            "# Writes the job scripts; add --submit to submit them with sbatch:",
            "consensussim slurm samples/scenarios/migration-mc.json --trials 100000000 --shards 16 --out runs/big --partition short --time 01:00:00");
    }

    private static int Execute(TextWriter stdout, SlurmOptions options, bool submit)
    {
        // Checked as every command checks its outputs: not empty, not a file, names that fit, a folder that can be written.
        new OutputPlan(stdout, []).Folder("--out", options.Dir, []);
        var job = SlurmJob.Prepare(options with { Dir = Path.GetFullPath(options.Dir) });
        job.Write(stdout);
        if (submit)
        {
            job.Submit(stdout);
        }
        else
        {
            stdout.WriteLine($"submit with: consensussim slurm … --submit, or: jobid=$(sbatch --parsable {job.RunScript}) && sbatch --dependency=afterok:$jobid {job.MergeScript}");
        }

        return ExitCodes.Success;
    }

    /// <summary>The running tool itself: its apphost, or <c>dotnet</c> and its assembly when run through the muxer or in-process.</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty location (single-file or Native AOT) is handled: the process is then the tool.")]
    private static string DefaultCommand() => DefaultCommand(Environment.ProcessPath, typeof(SlurmCommand).Assembly.Location);

    /// <summary>
    /// The command that runs the tool, from the running process and the tool assembly's file: the process when it is the
    /// tool's apphost, or when the assembly has no file (a single-file or Native AOT build, whatever its name); else
    /// <c>dotnet</c> and the assembly.
    /// </summary>
    internal static string DefaultCommand(string? process, string assemblyLocation)
    {
        string name = Path.GetFileNameWithoutExtension(process ?? string.Empty);
        if (process is not null && (assemblyLocation.Length == 0 || name.Equals("consensussim", StringComparison.OrdinalIgnoreCase) || name.Equals("ConsensusSim.Cli", StringComparison.OrdinalIgnoreCase)))
        {
            return ShellWords.Quote(process);
        }

        string dotnet = process is not null && name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? process : "dotnet";
        return $"{ShellWords.Quote(dotnet)} {ShellWords.Quote(assemblyLocation)}";
    }
}
