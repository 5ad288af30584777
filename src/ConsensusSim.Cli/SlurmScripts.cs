using System.Globalization;
using System.Text;

namespace ConsensusSim.Cli;

/// <summary>
/// The scripts of a <see cref="SlurmJob"/>: the array job, whose task i runs shard i+1 (or part i+1 of a sweep's
/// design points) with its own checkpoint, and the merge job that depends on it.
/// </summary>
internal sealed class SlurmScripts(SlurmJob job)
{
    private readonly SlurmJob _job = job;
    private readonly SlurmOptions _o = job.Options;

    private string Header(string name, bool array)
    {
        var sb = new StringBuilder();
        sb.AppendLine("#!/bin/bash");
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Written by 'consensussim slurm' for '{OneLine(_job.Inputs.Scenario.Name)}'{(_o.ScenarioPath is null ? " (the embedded default scenario)" : string.Empty)}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --job-name={JobName()}{name}");
        if (array)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{_o.Shards - 1}");
            sb.AppendLine("#SBATCH --requeue");
            sb.AppendLine("#SBATCH --open-mode=append");
            sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(_o.Dir, "logs", "task-%a.log")}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={_o.Cpus}");
            if (_o.Mem is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --mem={_o.Mem}");
            }
        }
        else
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(_o.Dir, "logs", "merge.log")}");
        }

        if (_o.Partition is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --partition={_o.Partition}");
        }

        if (_o.Time is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --time={_o.Time}");
        }

        sb.AppendLine("set -euo pipefail");
        sb.AppendLine(CultureInfo.InvariantCulture, $"consensussim() {{ {_job.Command} \"$@\"; }}");
        return sb.ToString();
    }

    public string Shards()
    {
        var sb = new StringBuilder(Header(string.Empty, array: true));
        sb.AppendLine("# Task i runs shard i+1; shards are disjoint ranges of chunks, each trial's random stream depends");
        sb.AppendLine("# only on (seed, trial), so the shards together are exactly the one-machine run. A task that is");
        sb.AppendLine("# requeued (node failure, preemption) finds its checkpoint and resumes from it.");
        sb.AppendLine("shard=$((SLURM_ARRAY_TASK_ID + 1))");
        sb.AppendLine(CultureInfo.InvariantCulture, $"echo \"shard $shard/{_o.Shards} on $(hostname), start $(date -u +%FT%TZ), restart ${{SLURM_RESTART_COUNT:-0}}\"");
        sb.AppendLine(CultureInfo.InvariantCulture, $"consensussim run {ShellWords.Quote(_job.ScenarioCopy)} --trials {_job.Trials} --seed {_job.Seed} --chunk-size {_o.ChunkSize} \\");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  --shard \"$shard/{_o.Shards}\" --threads \"${{SLURM_CPUS_PER_TASK:-{_o.Cpus}}}\" \\");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  --checkpoint {ShellWords.Quote(Path.Combine(_o.Dir, "checkpoints"))}/shard-$shard.json --checkpoint-every {_o.CheckpointEvery.ToString(CultureInfo.InvariantCulture)} --resume \\");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  --json {ShellWords.Quote(Path.Combine(_o.Dir, "shards"))}/shard-$shard.json{_o.ConditionalFlag}");
        return sb.ToString();
    }

    public string Sweep(string? designCopy)
    {
        var sb = new StringBuilder(Header(string.Empty, array: true));
        sb.AppendLine("# Task i runs part i+1 of the design points (points i+1, i+1+K, …), each with the same seed. A task");
        sb.AppendLine("# that is requeued reads the points it finished from its checkpoint folder instead of running them again.");
        sb.AppendLine("part=$((SLURM_ARRAY_TASK_ID + 1))");
        sb.AppendLine(CultureInfo.InvariantCulture, $"echo \"part $part/{_o.Shards} on $(hostname), start $(date -u +%FT%TZ), restart ${{SLURM_RESTART_COUNT:-0}}\"");
        var args = new List<string> { "sweep", ShellWords.Quote(_job.ScenarioCopy) };
        args.AddRange(_o.Vary.Select(v => "--vary " + ShellWords.Quote(v)));
        if (_o.Design is not null)
        {
            args.Add("--design " + ShellWords.Quote(designCopy ?? _o.Design));
        }

        if (_o.Points is int n)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--points {n}"));
        }

        // As for a local sweep: trials and seed only where given, so a design that varies them keeps its values.
        if (_o.Trials is not null)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--trials {_job.Trials}"));
        }

        if (_o.Seed is not null)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--seed {_job.Seed}"));
        }

        if (_o.ConditionalFlag.Length > 0)
        {
            args.Add(_o.ConditionalFlag.Trim());
        }

        args.Add(string.Create(CultureInfo.InvariantCulture, $"--threads \"${{SLURM_CPUS_PER_TASK:-{_o.Cpus}}}\""));
        args.Add($"--checkpoint {ShellWords.Quote(Path.Combine(_o.Dir, "checkpoints"))}/part-$part");
        args.Add(string.Create(CultureInfo.InvariantCulture, $"--part \"$part/{_o.Shards}\" --out {ShellWords.Quote(Path.Combine(_o.Dir, "parts"))}/part-$part.csv"));
        sb.AppendLine("consensussim " + string.Join(" \\\n  ", args));
        return sb.ToString();
    }

    public string Merge()
    {
        var sb = new StringBuilder(Header("-merge", array: false));

        // Named in a list rather than on the command line, which would pass the system's limit on a
        // command's arguments with some tens of thousands of tasks.
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Every part is named in {Path.GetFileName(_job.ListFile)}, so a missing one is reported by name; merge refuses mismatched parts.");
        sb.AppendLine(_o.IsSweep
            ? string.Create(CultureInfo.InvariantCulture, $"consensussim merge --list {ShellWords.Quote(_job.ListFile)} --points {_job.DesignPoints} --out {ShellWords.Quote(Path.Combine(_o.Dir, "results.csv"))}")
            : $"consensussim merge --list {ShellWords.Quote(_job.ListFile)} --out {ShellWords.Quote(Path.Combine(_o.Dir, "result.json"))}");
        return sb.ToString();
    }

    /// <summary>The files the tasks write, in task order.</summary>
    public IEnumerable<string> Parts() => Enumerable.Range(1, _o.Shards).Select(i => _o.IsSweep
        ? Path.Combine(_o.Dir, "parts", string.Create(CultureInfo.InvariantCulture, $"part-{i}.csv"))
        : Path.Combine(_o.Dir, "shards", string.Create(CultureInfo.InvariantCulture, $"shard-{i}.json")));

    private string JobName()
    {
        string name = new([.. _job.Inputs.Scenario.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        name = string.Join('-', name.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return "consensussim-" + (name.Length > 40 ? name[..40] : name);
    }

    private static string OneLine(string s) => s.Replace('\n', ' ').Replace('\r', ' ');
}
