import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DisposableStack, listen, toDisposable } from './disposable';

describe('disposables', () => {
  it('undo once, however often disposed', () => {
    let undone = 0;
    const d = toDisposable(() => undone++);
    d.dispose();
    d.dispose();
    expect(undone).toBe(1);
  });

  it('remove the very listener they added, and no other', () => {
    const emitter = new EventEmitter();
    const heard: string[] = [];
    const a = listen(emitter, 'x', () => heard.push('a'));
    listen(emitter, 'x', () => heard.push('b'));
    emitter.emit('x');
    a.dispose();
    emitter.emit('x');
    expect(heard).toEqual(['a', 'b', 'b']);
    expect(emitter.listenerCount('x')).toBe(1);
  });

  it('let go of a stack last added first, all of it even when one throws, then throw', () => {
    const order: string[] = [];
    const stack = new DisposableStack();
    stack.add(() => order.push('first'));
    stack.add(() => {
      order.push('second');
      throw new Error('broken');
    });
    stack.add(toDisposable(() => order.push('third')));
    expect(() => stack.dispose()).toThrow('broken');
    expect(order).toEqual(['third', 'second', 'first']);
    expect(stack.disposed).toBe(true);
    stack.dispose();
    expect(order).toHaveLength(3);
  });

  it('dispose at once what is added to a stack already disposed', () => {
    const stack = new DisposableStack();
    stack.dispose();
    let undone = false;
    stack.add(() => (undone = true));
    expect(undone).toBe(true);
  });
});
