import { parentsFirst } from '../../server/src/backup/table-order'

describe('the order a backup lists its tables in', () => {
  it('when tables point at each other, then every table comes after the tables it references, ties alphabetically', () => {
    const order = parentsFirst(['visits', 'households', 'regions', 'users', 'audit_log'], [
      { table: 'visits', references: 'households' }, { table: 'visits', references: 'users' },
      { table: 'households', references: 'regions' }, { table: 'regions', references: 'regions' },
    ])
    expect(order).toEqual(['audit_log', 'regions', 'users', 'households', 'visits'])
  })

  it('when two tables reference each other, then the cycle is named instead of broken arbitrarily', () => {
    expect(() => parentsFirst(['a', 'b', 'c'], [{ table: 'a', references: 'b' }, { table: 'b', references: 'a' }]))
      .toThrow('外键形成环，无法排定表的顺序: a, b')
  })
})
