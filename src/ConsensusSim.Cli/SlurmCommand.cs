using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ConsensusSim.Model;
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
        var chunk = new Option<int?>("--chunk-size") { Description = $"Trials per chunk (default {SimulationOptions.DefaultChunkSize:N0}); shards are ranges of chunks." };
        var every = new Option<double>("--checkpoint-every") { Description = $"Seconds between each task's checkpoints (default 30; at most {RunLimits.MaxCheckpointSeconds:N0}).", DefaultValueFactory = _ => 30 };
        var submit = new Option<bool>("--submit") { Description = "Submit both jobs with sbatch, the merge after the array (afterok)." };
        var tool = new Option<string?>("--command") { Description = "How a task starts this tool: words as a shell reads them, quoted where they hold spaces, written into the scripts quoted (default: the program running now, e.g. 'consensussim' or 'dotnet /path/ConsensusSim.Cli.dll'); shell operators, expansions and unbalanced quotes are refused: put such set-up in a script and give its path." };
        var vary = new Option<string[]>("--vary", "-v") { Description = "Make it a sweep: PATH=START:STOP:STEP or PATH=A,B,C (repeatable), as for 'consensussim sweep'." };
        var design = new Option<string?>("--design") { Description = "Make it a sweep: grid, lhs (with --points) or a CSV file of design points, as for 'consensussim sweep'." };
        var points = new Option<int?>("--points") { Description = "Latin hypercube points (--design lhs)." };
        var command = new Command("slurm", "Prepare (or with --submit, submit) a Slurm array job: task i runs shard i+1 of K with its own checkpoint and is requeued on node failure (sweep tasks rerun their design points); a merge job that depends on the array (afterok) writes result.json, bit-identical to one machine's run. Example: consensussim slurm samples/scenarios/migration-mc.json --trials 100000000 --shards 16 --out runs/big --partition short --time 01:00:00 --submit")
        {
            scenario, trials, shards, output, seed, partition, time, mem, cpus, chunk, every, submit, tool, vary, design, points, conditional,
        };
        command.SetAction(parse =>
        {
            // Checked as every command checks its outputs: not empty, not a file, names that fit, a folder that can be written.
            new OutputPlan(stdout, []).Folder("--out", parse.GetValue(output)!, []);
            var job = new SlurmJob(
                parse.GetValue(scenario),
                parse.GetValue(trials),
                parse.GetValue(shards),
                Path.GetFullPath(parse.GetValue(output)!),
                parse.GetValue(seed),
                parse.GetValue(partition),
                parse.GetValue(time),
                parse.GetValue(mem),
                parse.GetValue(cpus),
                parse.GetValue(chunk) ?? SimulationOptions.DefaultChunkSize,
                parse.GetValue(tool) ?? DefaultCommand(),
                parse.GetValue(vary) ?? [],
                parse.GetValue(design),
                parse.GetValue(points),
                parse.GetValue(every),
                parse.GetValue(conditional));
            job.Write(stdout);
            if (parse.GetValue(submit))
            {
                job.Submit(stdout);
            }
            else
            {
                stdout.WriteLine($"submit with: consensussim slurm … --submit, or: jobid=$(sbatch --parsable {job.RunScript}) && sbatch --dependency=afterok:$jobid {job.MergeScript}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The running tool itself: its apphost, or <c>dotnet</c> and its assembly when run through the muxer or in-process.</summary>
    private static string DefaultCommand()
    {
        string? process = Environment.ProcessPath;
        string name = Path.GetFileNameWithoutExtension(process ?? string.Empty);
        if (process is not null && (name.Equals("consensussim", StringComparison.OrdinalIgnoreCase) || name.Equals("ConsensusSim.Cli", StringComparison.OrdinalIgnoreCase)))
        {
            return SlurmJob.Quote(process);
        }

        string dotnet = process is not null && name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? process : "dotnet";
        return $"{SlurmJob.Quote(dotnet)} {SlurmJob.Quote(typeof(SlurmCommand).Assembly.Location)}";
    }

    /// <summary>One prepared job: checked options, and the scripts they make.</summary>
    private sealed class SlurmJob
    {
        private readonly Scenario _scenario;
        private readonly string _scenarioText;
        private readonly string? _scenarioPath;
        private readonly long _trials;
        private readonly int _shards;
        private readonly string _dir;
        private readonly ulong _seed;
        private readonly string? _partition;
        private readonly string? _time;
        private readonly string? _mem;
        private readonly int _cpus;
        private readonly int _chunk;
        private readonly string _command;
        private readonly string[] _vary;
        private readonly string? _design;
        private readonly int? _points;
        private readonly int _designPoints;
        private readonly bool _trialsGiven;
        private readonly bool _seedGiven;
        private readonly double _checkpointEvery;
        private readonly bool _conditional;
        private readonly SweepPlan? _sweep;

        public SlurmJob(string? scenarioPath, long? trials, int shards, string dir, ulong? seed, string? partition, string? time, string? mem, int cpus, int chunk, string command, string[] vary, string? design, int? points, double checkpointEvery, bool conditional)
        {
            // Every task runs with these values, and 'run' would refuse them there: refuse them here, before any file is read.
            RunLimits.CheckThreads(cpus, "--cpus-per-task");
            RunLimits.CheckChunkSize(chunk);
            RunLimits.CheckCheckpointEvery(checkpointEvery);
            _checkpointEvery = checkpointEvery;
            _conditional = conditional;
            _trialsGiven = trials is not null;
            _seedGiven = seed is not null;
            _scenarioPath = scenarioPath;
            _vary = vary;
            _design = design;
            if (IsSweep)
            {
                if (scenarioPath is null)
                {
                    throw new UserInputException("A sweep needs a scenario file to vary.");
                }

                _sweep = SweepPlan.Load(scenarioPath, SweepDesign.FromOptions(vary, design ?? "grid", points, seed));
                _scenario = _sweep.Template.Scenario;
                _scenarioText = Encoding.UTF8.GetString(_sweep.ScenarioBytes);
            }
            else if (scenarioPath is null)
            {
                _scenario = Scenario.Default;
                _scenarioText = EmbeddedDefault();
            }
            else
            {
                // The copy is the file run read and accepted, byte for byte.
                (_scenario, byte[] bytes) = SweepPlan.ReadScenario(scenarioPath);
                _scenarioText = Encoding.UTF8.GetString(bytes);
            }

            _trials = trials ?? _scenario.Trials;
            _shards = shards;
            _dir = dir;
            _seed = seed ?? _scenario.Seed;
            _partition = partition;
            _time = time;
            _mem = mem;
            _cpus = cpus;
            _chunk = chunk;
            _command = string.Join(' ', ShellWords.Split("--command", command).Select(Quote));
            _points = points;

            if (dir.Any(c => char.IsWhiteSpace(c) || c is '%'))
            {
                throw new UserInputException($"--out '{dir}': Slurm's #SBATCH --output cannot take a path with spaces or '%'; choose another folder.");
            }

            if (shards < 1 || shards > 100_000)
            {
                throw new UserInputException($"--shards must be between 1 and 100,000; got {shards}.");
            }

            RunLimits.CheckTrials(_trials);

            foreach (var (name, value) in new[] { ("--partition", partition), ("--time", time), ("--mem", mem) })
            {
                if (value is not null && (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$' or '`' or ';')))
                {
                    throw new UserInputException($"{name} '{value}': a Slurm value has no spaces, quotes or shell characters.");
                }
            }

            if (_sweep is not null)
            {
                _designPoints = _sweep.Design.Count;
                if (_designPoints < shards)
                {
                    throw new UserInputException($"The sweep has {_designPoints} design points; use at most that many --shards.");
                }

                // Every point is checked as 'sweep' checks it, so no task on the cluster fails on a bad value.
                _sweep.CheckEveryPoint(conditional, Environment.ProcessorCount, CancellationToken.None);
            }
            else
            {
                // Refused here rather than by every task on the cluster.
                if (conditional && !MonteCarloRunner.SupportsConditionalMonteCarlo(_scenario.Compile(), out string? why))
                {
                    throw new UserInputException("Conditional Monte Carlo does not apply to this scenario: " + why);
                }

                long chunks = (_trials + chunk - 1) / chunk;
                if (chunks < shards)
                {
                    throw new UserInputException($"{_trials:N0} trials make {chunks:N0} chunks of {chunk:N0}; {shards} shards need at least {shards} chunks (more trials, fewer shards or a smaller --chunk-size).");
                }
            }
        }

        public bool IsSweep => _vary.Length > 0 || _design is not null;

        public string RunScript => Path.Combine(_dir, "run.sbatch");

        public string MergeScript => Path.Combine(_dir, "merge.sbatch");

        private string ScenarioCopy => Path.Combine(_dir, "scenario.json");

        /// <summary>The file naming every part the merge job joins, one a line.</summary>
        private string ListFile => Path.Combine(_dir, IsSweep ? "parts.txt" : "shards.txt");

        public static string Quote(string s) => ShellWords.Quote(s);

        public void Write(TextWriter stdout)
        {
            foreach (string sub in new[] { "logs", "checkpoints", "shards", "parts" })
            {
                Directory.CreateDirectory(Path.Combine(_dir, sub));
            }

            AtomicFile.WriteAllText(ScenarioCopy, _scenarioText);
            string? designCopy = null;
            if (_sweep?.Design is SweepDesignFile file)
            {
                // The file as read and checked, not whatever is at its path now.
                designCopy = Path.Combine(_dir, "design.csv");
                AtomicFile.WriteAllText(designCopy, file.Text);
            }

            AtomicFile.WriteAllText(ListFile, string.Concat(Parts().Select(p => p + "\n")));
            AtomicFile.WriteAllText(RunScript, IsSweep ? SweepScript(designCopy) : ShardScript());
            AtomicFile.WriteAllText(MergeScript, MergeJob());
            if (!OperatingSystem.IsWindows())
            {
                foreach (string script in new[] { RunScript, MergeScript })
                {
                    File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
                }
            }

            stdout.WriteLine(IsSweep
                ? string.Create(CultureInfo.InvariantCulture, $"wrote {RunScript} ({_shards} tasks sharing {_designPoints} design points of {_trials:N0} trials, seed {_seed}) and {MergeScript} (joins the rows into {Path.Combine(_dir, "results.csv")})")
                : string.Create(CultureInfo.InvariantCulture, $"wrote {RunScript} ({_shards} shards of {_trials:N0} trials, seed {_seed}) and {MergeScript} (merges them into {Path.Combine(_dir, "result.json")})"));
        }

        public void Submit(TextWriter stdout)
        {
            string array = Sbatch(RunScript);
            string merge = Sbatch($"--dependency=afterok:{array}", MergeScript);
            AtomicFile.WriteAllText(Path.Combine(_dir, "jobs.txt"), $"array {array}\nmerge {merge}\n");
            stdout.WriteLine($"submitted array job {array} ({_shards} tasks) and merge job {merge} (runs after all tasks succeed)");
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

        private string Header(string name, bool array)
        {
            var sb = new StringBuilder();
            sb.AppendLine("#!/bin/bash");
            sb.AppendLine(CultureInfo.InvariantCulture, $"# Written by 'consensussim slurm' for '{OneLine(_scenario.Name)}'{(_scenarioPath is null ? " (the embedded default scenario)" : string.Empty)}.");
            sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --job-name={JobName()}{name}");
            if (array)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{_shards - 1}");
                sb.AppendLine("#SBATCH --requeue");
                sb.AppendLine("#SBATCH --open-mode=append");
                sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(_dir, "logs", "task-%a.log")}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={_cpus}");
                if (_mem is not null)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --mem={_mem}");
                }
            }
            else
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(_dir, "logs", "merge.log")}");
            }

            if (_partition is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --partition={_partition}");
            }

            if (_time is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --time={_time}");
            }

            sb.AppendLine("set -euo pipefail");
            sb.AppendLine(CultureInfo.InvariantCulture, $"consensussim() {{ {_command} \"$@\"; }}");
            return sb.ToString();
        }

        private string ShardScript()
        {
            var sb = new StringBuilder(Header(string.Empty, array: true));
            sb.AppendLine("# Task i runs shard i+1; shards are disjoint ranges of chunks, each trial's random stream depends");
            sb.AppendLine("# only on (seed, trial), so the shards together are exactly the one-machine run. A task that is");
            sb.AppendLine("# requeued (node failure, preemption) finds its checkpoint and resumes from it.");
            sb.AppendLine("shard=$((SLURM_ARRAY_TASK_ID + 1))");
            sb.AppendLine(CultureInfo.InvariantCulture, $"echo \"shard $shard/{_shards} on $(hostname), start $(date -u +%FT%TZ), restart ${{SLURM_RESTART_COUNT:-0}}\"");
            sb.AppendLine(CultureInfo.InvariantCulture, $"consensussim run {Quote(ScenarioCopy)} --trials {_trials} --seed {_seed} --chunk-size {_chunk} \\");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  --shard \"$shard/{_shards}\" --threads \"${{SLURM_CPUS_PER_TASK:-{_cpus}}}\" \\");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  --checkpoint {Quote(Path.Combine(_dir, "checkpoints"))}/shard-$shard.json --checkpoint-every {_checkpointEvery.ToString(CultureInfo.InvariantCulture)} --resume \\");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  --json {Quote(Path.Combine(_dir, "shards"))}/shard-$shard.json{(_conditional ? " --conditional" : string.Empty)}");
            return sb.ToString();
        }

        private string SweepScript(string? designCopy)
        {
            var sb = new StringBuilder(Header(string.Empty, array: true));
            sb.AppendLine("# Task i runs part i+1 of the design points (points i+1, i+1+K, …), each with the same seed.");
            sb.AppendLine("part=$((SLURM_ARRAY_TASK_ID + 1))");
            sb.AppendLine(CultureInfo.InvariantCulture, $"echo \"part $part/{_shards} on $(hostname), start $(date -u +%FT%TZ), restart ${{SLURM_RESTART_COUNT:-0}}\"");
            var args = new List<string> { "sweep", Quote(ScenarioCopy) };
            args.AddRange(_vary.Select(v => "--vary " + Quote(v)));
            if (_design is not null)
            {
                args.Add("--design " + Quote(designCopy ?? _design));
            }

            if (_points is int n)
            {
                args.Add(string.Create(CultureInfo.InvariantCulture, $"--points {n}"));
            }

            // As for a local sweep: trials and seed only where given, so a design that varies them keeps its values.
            if (_trialsGiven)
            {
                args.Add(string.Create(CultureInfo.InvariantCulture, $"--trials {_trials}"));
            }

            if (_seedGiven)
            {
                args.Add(string.Create(CultureInfo.InvariantCulture, $"--seed {_seed}"));
            }

            if (_conditional)
            {
                args.Add("--conditional");
            }

            args.Add(string.Create(CultureInfo.InvariantCulture, $"--threads \"${{SLURM_CPUS_PER_TASK:-{_cpus}}}\""));
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--part \"$part/{_shards}\" --out {Quote(Path.Combine(_dir, "parts"))}/part-$part.csv"));
            sb.AppendLine("consensussim " + string.Join(" \\\n  ", args));
            return sb.ToString();
        }

        private string MergeJob()
        {
            var sb = new StringBuilder(Header("-merge", array: false));

            // Named in a list rather than on the command line, which would pass the system's limit on a
            // command's arguments with some tens of thousands of tasks.
            sb.AppendLine(CultureInfo.InvariantCulture, $"# Every part is named in {Path.GetFileName(ListFile)}, so a missing one is reported by name; merge refuses mismatched parts.");
            sb.AppendLine(IsSweep
                ? string.Create(CultureInfo.InvariantCulture, $"consensussim merge --list {Quote(ListFile)} --points {_designPoints} --out {Quote(Path.Combine(_dir, "results.csv"))}")
                : $"consensussim merge --list {Quote(ListFile)} --out {Quote(Path.Combine(_dir, "result.json"))}");
            return sb.ToString();
        }

        /// <summary>The files the tasks write, in task order.</summary>
        private IEnumerable<string> Parts() => Enumerable.Range(1, _shards).Select(i => IsSweep
            ? Path.Combine(_dir, "parts", string.Create(CultureInfo.InvariantCulture, $"part-{i}.csv"))
            : Path.Combine(_dir, "shards", string.Create(CultureInfo.InvariantCulture, $"shard-{i}.json")));

        private string JobName()
        {
            string name = new([.. _scenario.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
            name = string.Join('-', name.Split('-', StringSplitOptions.RemoveEmptyEntries));
            return "consensussim-" + (name.Length > 40 ? name[..40] : name);
        }

        private static string OneLine(string s) => s.Replace('\n', ' ').Replace('\r', ' ');

        private static string EmbeddedDefault()
        {
            using var stream = typeof(Scenario).Assembly.GetManifestResourceStream("ConsensusSim.Scenarios.default.json")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
