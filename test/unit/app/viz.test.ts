import { describe, expect, it } from 'vitest';
import { viz } from '../../../src/app/viz.js';
import { load } from '../loader/helpers.js';

const compose = `name: shop
services:
  web:
    build: .
    ports: ["127.0.0.1:8080:80", "9000:9000/udp"]
    networks: {front: {priority: 1}, back: {priority: 5}}
    depends_on: [db, cache]
  db:
    image: postgres:16
    networks: [back]
  cache:
    image: redis:7
networks:
  front: {}
  back: {}
`;

describe('viz', () => {
  it('one node per service, sorted, an edge to each dependency', async () => {
    const { project } = await load(compose);
    expect(viz(project)).toBe(
      [
        'digraph "shop" {',
        '\tlayout=dot;',
        '\t"cache" [style="filled" label=<<font point-size="15">cache</font>>];',
        '\t"db" [style="filled" label=<<font point-size="15">db</font>>];',
        '\t"web" [style="filled" label=<<font point-size="15">web</font>>];',
        '',
        '\t"web" -> "cache";',
        '\t"web" -> "db";',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('networks by priority, ports, image; indentation as asked', async () => {
    const { project } = await load(compose);
    const text = viz(project, { networks: true, ports: true, image: true, indentation: '  ' });
    expect(text).toContain(
      '  "web" [style="filled" label=<<font point-size="15">web</font><font point-size="10"><br/><br/><b>Networks:</b><br/>back<br/>front</font><font point-size="10"><br/><br/><b>Ports:</b><br/>127.0.0.1:8080:80 (tcp, ingress)<br/>9000:9000 (udp, ingress)</font><font point-size="10"><br/><br/><b>Image:</b><br/>shop-web</font>>];',
    );
    expect(text).toContain('<b>Image:</b><br/>postgres:16');
  });
});
