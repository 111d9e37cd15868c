import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, makeProject, route } from '../../test/fake-server';
import { renderWithApp } from '../../test/render';
import { parseTraitNames, PrivateTraitsField } from './private-traits-field';

describe('PrivateTraitsField', () => {
  it('parses names separated by commas or lines, once each', () => {
    expect(parseTraitNames(' email, phone\nemail,, ')).toEqual(['email', 'phone']);
  });

  it('saves the private traits with PATCH', async () => {
    const project = makeProject({ id: 'shop' });
    const { fetch, calls } = fakeFetch(route('PATCH', '/api/v1/projects/shop', (request) => json({ ...project, ...(request.body as object) })));
    renderWithApp(<PrivateTraitsField project={project} />, { fetch });

    fireEvent.change(screen.getByTestId('private-traits'), { target: { value: 'email, phone' } });
    fireEvent.click(screen.getByTestId('save-private-traits'));

    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ privateTraits: ['email', 'phone'] }));
  });
});
