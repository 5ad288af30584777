using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using System.Runtime.CompilerServices;
using Xunit;

namespace ConsensusSim.Tests.Engine;

public class VoteOnlyMemoryTests
{
    [Theory]
    [InlineData("reference")]
    [InlineData("tense")]
    public void The_vote_only_loops_memory_is_one_block_under_four_kilobytes(string variant)
    {
        var plan = KernelPlan.For(FusedLoopTests.Build(variant));
        var noise = new NoiseSource(plan);
        var memory = new VoteOnlyMemory(noise, 64);

        // Every place the loop reads or writes lies in one array; no two of them are 4,096 bytes or more apart.
        nint span = Unsafe.ByteOffset(ref Unsafe.As<float, byte>(ref memory.Noise(0)), ref Unsafe.As<long, byte>(ref Unsafe.Add(ref memory.Unopposed, 64)));
        Assert.InRange(span, 0, 4096 - 8);
    }

    [Fact]
    public unsafe void Every_vector_the_loop_stores_or_loads_lies_in_one_cache_line()
    {
        var plan = KernelPlan.For(FusedLoopTests.Build("reference"));
        var noise = new NoiseSource(plan);
        var keep = new List<object>();

        // Blocks after pinned fillers of different sizes, so the heap places them differently relative to a line.
        for (int made = 0; made < 16; made++)
        {
            keep.Add(GC.AllocateArray<byte>(1 + (made * 8), pinned: true));
            var memory = new VoteOnlyMemory(noise, 64);
            keep.Add(memory);
            for (int slot = 0; slot < NoiseSource.DrawAheadRing; slot++)
            {
                Assert.Equal(0, (nint)Unsafe.AsPointer(ref memory.Noise(slot)) % 64);
                fixed (float* first = memory.Slot(slot))
                {
                    Assert.Equal(0, (nint)first % 64);
                }
            }

            Assert.Equal(0, (nint)Unsafe.AsPointer(ref memory.Own) % 64);
            Assert.Equal(0, (nint)Unsafe.AsPointer(ref memory.Bloc) % 64);
            Assert.Equal(0, (nint)Unsafe.AsPointer(ref memory.ObjectBelow) % 64);
            Assert.Equal(0, (nint)Unsafe.AsPointer(ref memory.StatementBelow) % 64);
            Assert.Equal(0, (nint)Unsafe.AsPointer(ref memory.Unopposed) % 8);
        }

        GC.KeepAlive(keep);
    }

    [Theory]
    [InlineData(0x1000, 0)]
    [InlineData(0x1008, 14)]
    [InlineData(0x1010, 12)]
    [InlineData(0x1018, 10)]
    [InlineData(0x1020, 8)]
    [InlineData(0x1028, 6)]
    [InlineData(0x1030, 4)]
    [InlineData(0x1038, 2)]
    [InlineData(0x103C, 1)]
    public void The_offset_to_a_line_is_found_from_every_placement_of_an_array(long address, int floats)
    {
        // Every 8-byte-aligned placement an array's data can have within a line, and one 4-byte-aligned one.
        Assert.Equal(floats, VoteOnlyMemory.FloatsToLine((nint)address));
        Assert.Equal(0, (address + (4 * floats)) % 64);
    }

    [Fact]
    public void A_slots_normals_are_followed_by_zeros_and_the_counts_start_at_zero()
    {
        var plan = KernelPlan.For(FusedLoopTests.Build("reference"));
        var noise = new NoiseSource(plan);
        var memory = new VoteOnlyMemory(noise, 64);
        noise.BeginChunk(5, 0, 10);
        Unsafe.Add(ref memory.Unopposed, 3) = 7;
        var workspace = new float[64];
        memory.Load(new LatentBallot(plan, noise), workspace, workspace, noise.Ring);
        noise.DrawFirstBlocks(2, 10, memory.Slot(2), memory.Slot(3));
        for (int slot = 0; slot < NoiseSource.DrawAheadRing; slot++)
        {
            ref float e = ref memory.Noise(slot);
            for (int i = noise.FirstBlockLength; i < noise.BufferLength; i++)
            {
                Assert.Equal(0f, Unsafe.Add(ref e, i));
            }
        }

        Assert.Equal(noise.Ring[0].AsSpan(0, noise.FirstBlockLength).ToArray(), memory.Slot(0).ToArray());
        Assert.NotEqual(memory.Slot(1).ToArray(), memory.Slot(2).ToArray());
        Assert.Equal(0, Unsafe.Add(ref memory.Unopposed, 3));
    }
}
