import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { catchUnexpectedErrors } from '../../../renderer/src/app/unexpected-errors';
import { UNEXPECTED_ERROR_PREFIX } from '../../../shared/logic/unexpected-error';

/**
 * Errors nothing handled are told to the user (the app shows them as an error toast) and written to
 * the console with a fixed prefix: a component's event handler that throws, a render that throws,
 * a promise nobody awaited. The same message is told once within ten seconds.
 */
const Throwing = defineComponent({
  props: { failRender: { type: Boolean, default: false } },
  setup(props) {
    return () => {
      if (props.failRender) throw new Error('render broke');
      return h('button', { onClick: () => { throw new Error('handler broke'); } }, 'Go');
    };
  },
});

afterEach(() => vi.restoreAllMocks());

function setUp(now: () => number = Date.now) {
  const told: string[] = [];
  const target = new EventTarget() as unknown as Window;
  const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
  const install = (app: Parameters<typeof catchUnexpectedErrors>[0]) => catchUnexpectedErrors(app, (message) => told.push(message), target, now);
  return { told, target, console, install };
}

describe('unexpected errors', () => {
  it('an event handler that throws is told, and written to the console with the prefix', async () => {
    const { told, console, install } = setUp();
    const wrapper = mount(Throwing, { global: { plugins: [{ install }] } });
    await wrapper.get('button').trigger('click');
    expect(told).toEqual(['handler broke']);
    expect(console).toHaveBeenCalledWith(UNEXPECTED_ERROR_PREFIX, expect.objectContaining({ message: 'handler broke' }));
  });

  it('a render that throws is told', () => {
    const { told, install } = setUp();
    // Test Utils throws again what went wrong while mounting, once the app's handler had it.
    expect(() => mount(Throwing, { props: { failRender: true }, global: { plugins: [{ install }] } })).toThrow('render broke');
    expect(told).toEqual(['render broke']);
  });

  it('a promise nobody awaited is told, and the browser does not report it again', () => {
    const { told, target, install } = setUp();
    mount(Throwing, { global: { plugins: [{ install }] } });
    const event = Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason: new Error('request lost') });
    target.dispatchEvent(event);
    expect(told).toEqual(['request lost']);
    expect(event.defaultPrevented).toBe(true);
  });

  it('tells the same message once within ten seconds, then again', async () => {
    let clock = 1_000;
    const { told, install } = setUp(() => clock);
    const wrapper = mount(Throwing, { global: { plugins: [{ install }] } });
    await wrapper.get('button').trigger('click');
    clock += 5_000;
    await wrapper.get('button').trigger('click');
    expect(told).toEqual(['handler broke']);
    clock += 10_000;
    await wrapper.get('button').trigger('click');
    expect(told).toEqual(['handler broke', 'handler broke']);
  });

  it('a long message is cut short for the notice', () => {
    const { told, target, install } = setUp();
    mount(Throwing, { global: { plugins: [{ install }] } });
    target.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: new Error('x'.repeat(1000)) }));
    expect(told[0]).toHaveLength(300);
    expect(told[0]!.endsWith('…')).toBe(true);
  });

  it('stops listening for rejections when asked', () => {
    const { told, target, install } = setUp();
    let stop = (): void => undefined;
    mount(Throwing, { global: { plugins: [{ install: (app: Parameters<typeof catchUnexpectedErrors>[0]) => (stop = install(app)) }] } });
    stop();
    target.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: new Error('late') }));
    expect(told).toEqual([]);
  });
});
