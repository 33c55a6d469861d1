import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiKey } from '../api/session';
import { KeyGate } from './KeyGate';

describe('KeyGate', () => {
  it('keeps a well-formed key in sessionStorage, never in the URL', () => {
    const onKey = vi.fn();
    window.history.replaceState(null, '', '/traces/abc?span=x');
    render(<KeyGate onKey={onKey} />);
    const key = 'ovpo_abcdefgh_' + 'B'.repeat(40);
    fireEvent.change(screen.getByTestId('api-key'), { target: { value: key } });
    fireEvent.click(screen.getByTestId('api-key-submit'));
    expect(onKey).toHaveBeenCalled();
    expect(apiKey()).toBe(key);
    expect(window.location.href).not.toContain(key);
    expect(localStorage.length).toBe(0);
  });

  it('refuses text that is not a key', () => {
    const onKey = vi.fn();
    render(<KeyGate onKey={onKey} />);
    fireEvent.change(screen.getByTestId('api-key'), { target: { value: 'hello' } });
    fireEvent.click(screen.getByTestId('api-key-submit'));
    expect(onKey).not.toHaveBeenCalled();
    expect(screen.getByText(/looks like ovpo_/)).toBeTruthy();
  });
});
