package org.plenary.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.access.AuthorizationMatrix.Outcome;
import org.plenary.access.AuthorizationMatrix.Relation;
import org.plenary.access.AuthorizationMatrix.Route;
import org.plenary.access.AuthorizationMatrix.State;
import org.plenary.access.AuthorizationMatrix.Who;

@DisplayName("The authorization matrix file")
class AuthorizationMatrixFileTest {
  private static final String HEADER = "method,path,roles,relation,state,outcome\n";
  private static final String OTHERS = "GET,/negotiations/:n/x,admin|secretariat|facilitator|observer,-,-,allowed\n"
      + "GET,/negotiations/:n/x,non-participant,-,-,hidden\n";

  @Test
  @DisplayName("the shipped matrix loads and hides every negotiation route from non-participants")
  void shippedMatrixLoads() {
    AuthorizationMatrix m = AuthorizationMatrix.load();
    assertThat(m.entries()).hasSizeGreaterThan(20);
    m.entries().stream().filter(e -> e.route().inNegotiation()).forEach(e -> e.cells().stream()
        .filter(c -> c.who() == Who.NON_PARTICIPANT).forEach(c -> assertThat(c.outcome()).isEqualTo(Outcome.HIDDEN)));
  }

  @Test
  @DisplayName("a delegate's outcome can depend on the relation to the subject's delegation")
  void relations() {
    AuthorizationMatrix m = AuthorizationMatrix.parse(HEADER + OTHERS
        + "GET,/negotiations/:n/x,delegate,own|coordinator,-,allowed\n"
        + "GET,/negotiations/:n/x,delegate,other,-,forbidden\n");
    var e = m.entry(new Route("GET", "/negotiations/:n/x")).orElseThrow();
    assertThat(e.relational()).isTrue();
    assertThat(e.outcome(Who.DELEGATE, Relation.COORDINATOR, State.NONE)).isEqualTo(Outcome.ALLOWED);
    assertThat(e.outcome(Who.DELEGATE, Relation.OTHER, State.NONE)).isEqualTo(Outcome.FORBIDDEN);
  }

  @Test
  @DisplayName("a missing cell, a doubled cell or a visible negotiation route are refused with the line")
  void refusesIncompleteFiles() {
    assertThatThrownBy(() -> AuthorizationMatrix.parse(HEADER + OTHERS
        + "GET,/negotiations/:n/x,delegate,own,-,allowed\n"))
        .hasMessageContaining("no row for role delegate, relation other");
    assertThatThrownBy(() -> AuthorizationMatrix.parse(HEADER + OTHERS + "GET,/negotiations/:n/x,delegate,-,-,allowed\n"
        + "GET,/negotiations/:n/x,delegate,-,-,forbidden\n"))
        .hasMessageContaining("line 5").hasMessageContaining("already given on line 4");
    assertThatThrownBy(() -> AuthorizationMatrix.parse(HEADER + "GET,/negotiations/:n/y,*,-,-,allowed\n"))
        .hasMessageContaining("non-participant must get hidden");
    assertThatThrownBy(() -> AuthorizationMatrix.parse(HEADER + "GET,/z,admin|secretariat,-,-,allowed\n"
        + "GET,/z,facilitator|delegate|observer|non-participant,-,-,forbidden\n"))
        .hasMessageContaining("every role but admin must have the same outcome");
    assertThatThrownBy(() -> AuthorizationMatrix.parse(HEADER + "GET,/z,everyone,-,-,allowed\n"))
        .hasMessageContaining("unknown role 'everyone'");
  }

  @Test
  @DisplayName("a request path matches the most literal route")
  void matchesMostLiteral() {
    AuthorizationMatrix m = AuthorizationMatrix.parse(HEADER
        + "GET,/negotiations/:n/revisions/:r,*,-,-,hidden\nGET,/negotiations/:n/revisions/latest,*,-,-,hidden\n");
    assertThat(m.match("GET", "/negotiations/7/revisions/latest").orElseThrow().entry().route().path())
        .isEqualTo("/negotiations/:n/revisions/latest");
    var match = m.match("GET", "/negotiations/7/revisions/3").orElseThrow();
    assertThat(match.params()).containsEntry("n", "7").containsEntry("r", "3");
    assertThat(m.match("POST", "/negotiations/7/revisions/3")).isEmpty();
    assertThat(m.match("GET", "/negotiations/7/revisions/3/extra")).isEmpty();
  }
}
