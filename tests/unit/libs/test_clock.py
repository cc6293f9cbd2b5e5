from datetime import timedelta

from libs.clock import OffsetClock, SystemClock, clock_from


def test_an_offset_clock_moves_when_its_file_changes(tmp_path):
    offset_file = tmp_path / "offset"
    clock = OffsetClock(offset_file)
    real = SystemClock()

    before = clock.now() - real.now()
    offset_file.write_text("3600")
    after = clock.now() - real.now()

    assert abs(before) < timedelta(seconds=1)
    assert timedelta(minutes=59) < after < timedelta(minutes=61)


def test_production_never_reads_an_offset_file(tmp_path):
    assert isinstance(clock_from("production", str(tmp_path / "offset")), SystemClock)
    assert isinstance(clock_from("test", str(tmp_path / "offset")), OffsetClock)


def test_an_offset_clock_sees_a_new_offset_of_the_same_length(tmp_path):
    offset_file = tmp_path / "offset"
    offset_file.write_text("3600")
    clock = OffsetClock(offset_file)
    real = SystemClock()
    first = clock.now() - real.now()

    # Replaced, as a test's clock move may be: a new inode, the same size.
    replacement = tmp_path / "next"
    replacement.write_text("7200")
    replacement.replace(offset_file)
    second = clock.now() - real.now()

    assert timedelta(minutes=59) < first < timedelta(minutes=61)
    assert timedelta(minutes=119) < second < timedelta(minutes=121)


def test_an_offset_clock_without_its_file_has_no_offset(tmp_path):
    offset_file = tmp_path / "offset"
    offset_file.write_text("3600")
    clock = OffsetClock(offset_file)
    clock.now()

    offset_file.unlink()

    assert abs(clock.now() - SystemClock().now()) < timedelta(seconds=1)
