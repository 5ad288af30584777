using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>One prepared Slurm job: its options, checked against the inputs they were read with, and where its files go.</summary>
internal sealed class SlurmJob
{
    /// <summary>Makes the job from its options and inputs, checking what every task would otherwise refuse on the cluster.</summary>
    /// <param name="options">The options as given.</param>
    /// <param name="inputs">The scenario and sweep they name, read.</param>
    /// <exception cref="UserInputException">An option does not fit the inputs, or Slurm.</exception>
    public SlurmJob(SlurmOptions options, SlurmInputs inputs)
    {
        Options = options;
        Inputs = inputs;
        Trials = options.Trials ?? inputs.Scenario.Trials;
        Seed = options.Seed ?? inputs.Scenario.Seed;
        Command = string.Join(' ', ShellWords.Split("--command", options.Command).Select(ShellWords.Quote));
        DesignPoints = inputs.Sweep?.Design.Count ?? 0;
        if (options.Dir.Any(c => char.IsWhiteSpace(c) || c is '%'))
        {
            throw new UserInputException($"--out '{options.Dir}': Slurm's #SBATCH --output cannot take a path with spaces or '%'; choose another folder.");
        }

        if (options.Shards < 1 || options.Shards > 100_000)
        {
            throw new UserInputException($"--shards must be between 1 and 100,000; got {options.Shards}.");
        }

        OptionNames.Run.Check(new SimulationOptions { Trials = Trials });
        foreach (var (name, value) in new[] { ("--partition", options.Partition), ("--time", options.Time), ("--mem", options.Mem) })
        {
            if (value is not null && (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$' or '`' or ';')))
            {
                throw new UserInputException($"{name} '{value}': a Slurm value has no spaces, quotes or shell characters.");
            }
        }

        CheckWork();
    }

    public SlurmOptions Options { get; }

    public SlurmInputs Inputs { get; }

    /// <summary>Trials of the run, or per design point: the option's, or the scenario's.</summary>
    public long Trials { get; }

    /// <summary>The seed every task uses.</summary>
    public ulong Seed { get; }

    /// <summary>How a task starts this tool, quoted for the scripts.</summary>
    public string Command { get; }

    /// <summary>The sweep's design points, 0 unless a sweep.</summary>
    public int DesignPoints { get; }

    public string RunScript => Path.Combine(Options.Dir, "run.sbatch");

    public string MergeScript => Path.Combine(Options.Dir, "merge.sbatch");

    public string ScenarioCopy => Path.Combine(Options.Dir, "scenario.json");

    /// <summary>The file naming every part the merge job joins, one a line.</summary>
    public string ListFile => Path.Combine(Options.Dir, Options.IsSweep ? "parts.txt" : "shards.txt");

    /// <summary>Checks the options that need nothing read, as every task's 'run' would, then reads the inputs and makes the job.</summary>
    /// <param name="options">The options as given.</param>
    /// <returns>The job.</returns>
    /// <exception cref="UserInputException">An option or input is refused.</exception>
    public static SlurmJob Prepare(SlurmOptions options)
    {
        // Every task runs with these values, and 'run' would refuse them there: refuse them here, before any file is read.
        OptionNames.Run.With("options.MaxDegreeOfParallelism", "--cpus-per-task").Check(new SimulationOptions { MaxDegreeOfParallelism = options.Cpus, ChunkSize = options.ChunkSize });
        RunLimits.CheckCheckpointEvery(options.CheckpointEvery);
        return new SlurmJob(options, SlurmInputs.Read(options));
    }

    public void Write(TextWriter stdout)
    {
        foreach (string sub in new[] { "logs", "checkpoints", "shards", "parts" })
        {
            Directory.CreateDirectory(Path.Combine(Options.Dir, sub));
        }

        AtomicFile.WriteAllText(ScenarioCopy, Inputs.ScenarioText);
        string? designCopy = null;
        if (Inputs.Sweep?.Design is SweepDesignFile file)
        {
            // The file as read and checked, not whatever is at its path now.
            designCopy = Path.Combine(Options.Dir, "design.csv");
            AtomicFile.WriteAllText(designCopy, file.Text);
        }

        var scripts = new SlurmScripts(this);
        AtomicFile.WriteAllText(ListFile, string.Concat(scripts.Parts().Select(p => p + "\n")));
        AtomicFile.WriteAllText(RunScript, Options.IsSweep ? scripts.Sweep(designCopy) : scripts.Shards());
        AtomicFile.WriteAllText(MergeScript, scripts.Merge());
        if (!OperatingSystem.IsWindows())
        {
            foreach (string script in new[] { RunScript, MergeScript })
            {
                File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
            }
        }

        stdout.WriteLine(Options.IsSweep
            ? string.Create(CultureInfo.InvariantCulture, $"wrote {RunScript} ({Options.Shards} tasks sharing {DesignPoints} design points of {Trials:N0} trials, seed {Seed}) and {MergeScript} (joins the rows into {Path.Combine(Options.Dir, "results.csv")})")
            : string.Create(CultureInfo.InvariantCulture, $"wrote {RunScript} ({Options.Shards} shards of {Trials:N0} trials, seed {Seed}) and {MergeScript} (merges them into {Path.Combine(Options.Dir, "result.json")})"));
    }

    public void Submit(TextWriter stdout)
    {
        string array = Sbatch(RunScript);
        string merge = Sbatch($"--dependency=afterok:{array}", MergeScript);
        AtomicFile.WriteAllText(Path.Combine(Options.Dir, "jobs.txt"), $"array {array}\nmerge {merge}\n");
        stdout.WriteLine($"submitted array job {array} ({Options.Shards} tasks) and merge job {merge} (runs after all tasks succeed)");
    }

    /// <summary>Checks that the work divides among the tasks and that every task can do its part.</summary>
    private void CheckWork()
    {
        if (Inputs.Sweep is { } sweep)
        {
            if (DesignPoints < Options.Shards)
            {
                throw new UserInputException($"The sweep has {DesignPoints} design points; use at most that many --shards.");
            }

            // Every point is checked as 'sweep' checks it, so no task on the cluster fails on a bad value.
            sweep.CheckEveryPoint(Options.Conditional || Options.ConditionalOnly, Environment.ProcessorCount, CancellationToken.None);
            return;
        }

        // Refused here rather than by every task on the cluster.
        if ((Options.Conditional || Options.ConditionalOnly) && !MonteCarloRunner.SupportsConditionalMonteCarlo(Inputs.Scenario.Compile(), out string? why))
        {
            throw new ConditionalMonteCarloNotApplicableException(why);
        }

        long chunks = (Trials + Options.ChunkSize - 1) / Options.ChunkSize;
        if (chunks < Options.Shards)
        {
            throw new UserInputException($"{Trials:N0} trials make {chunks:N0} chunks of {Options.ChunkSize:N0}; {Options.Shards} shards need at least {Options.Shards} chunks (more trials, fewer shards or a smaller --chunk-size).");
        }
    }

    private static string Sbatch(params string[] args)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--parsable");
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("sbatch did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot run sbatch ({ex.Message}): submit from a Slurm login node, or submit the written scripts by hand.", ex);
        }

        using (process)
        {
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"sbatch {string.Join(' ', args)} failed (exit {process.ExitCode}): {stderr.Trim()}");
            }

            // --parsable prints "jobid" or "jobid;cluster".
            return stdout.Trim().Split(';')[0];
        }
    }
}
