import asyncio

from chat_ui.per_loop import PerLoop


def test_one_object_per_loop_made_again_when_its_key_changes():
    held: PerLoop[object] = PerLoop()

    async def in_a_loop():
        first = held.get(object, "redis://a")
        assert held.get(object, "redis://a") is first
        assert held.peek() is first
        other = held.get(object, "redis://b")
        assert other is not first
        return other

    one, two = asyncio.run(in_a_loop()), asyncio.run(in_a_loop())
    assert one is not two  # a new loop never gets the old loop's connections

    async def popped():
        made = held.get(object)
        assert held.pop() is made and held.peek() is None

    asyncio.run(popped())
