import { Type, type Static } from 'typebox'
import { MeRole, NoContent, RegionId } from './common'
import { Me } from './auth'

/** Where a resident lives (a village), the places to pick from, and what is stored about the signed-in person. */

export const PlaceVillage = Type.Object({ id: Type.String(), name: Type.String() })
export type PlaceVillage = Static<typeof PlaceVillage>

export const PlaceTown = Type.Object({ id: Type.String(), name: Type.String(), countyName: Type.String(), villages: Type.Array(PlaceVillage) })
export type PlaceTown = Static<typeof PlaceTown>

export const Residence = Type.Object({
  villageId: Type.String(),
  villageName: Type.String(),
  townName: Type.String(),
  householdCode: Type.Union([Type.String(), Type.Null()], { description: '在门牌前点「我住这里」登记时，该户的户码' }),
  boundAt: Type.String({ format: 'date-time' }),
})
export type Residence = Static<typeof Residence>

// One object rather than a union: the server's validator strips unknown properties, which would empty a union's second branch.
export const ResidenceInput = Type.Object({
  villageId: Type.Optional(RegionId),
  doorToken: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
}, { description: '从村社区列表选择（villageId），或在门牌前点「我住这里」（doorToken），二者选一' })
export type ResidenceInput = Static<typeof ResidenceInput>

/** What a resident chooses, one of the two: the route makes it from the body, the app sends it as the body. */
export type ResidenceChoice = { villageId: string } | { doorToken: string }

/** Everything stored about the signed-in person, as the privacy policy promises to show. */
export const MyData = Type.Object({
  displayName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  roles: Type.Array(MeRole),
  residence: Type.Union([Residence, Type.Null()]),
  quizAttempts: Type.Integer(),
  prizeClaims: Type.Integer(),
})
export type MyData = Static<typeof MyData>

export const residenceEndpoints = {
  'GET /api/places': { response: Type.Object({ towns: Type.Array(PlaceTown) }) },
  'GET /api/me/residence': { response: Type.Object({ residence: Type.Union([Residence, Type.Null()]) }) },
  'PUT /api/me/residence': { body: ResidenceInput, response: Type.Object({ residence: Residence, me: Me }) },
  'DELETE /api/me/residence': { response: NoContent, noContent: true as const },
  'GET /api/me/data': { response: MyData },
}
