package org.switchboard.accounts.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.EmployeeAccounts;
import org.switchboard.accounts.Role;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends the sessions of an employee whose user a customer admin removed: at its next request, on
 * whichever node holds the session, the session is invalidated and the request answered 401 (a
 * page is sent to the login). Only employees are checked, with one lookup by id per request.
 */
@Component
class RemovedEmployeeSignOut extends OncePerRequestFilter {

    private final EmployeeAccounts employees;

    RemovedEmployeeSignOut(EmployeeAccounts employees) {
        this.employees = employees;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        CurrentUser user = auth != null && auth.getPrincipal() instanceof SignedInUser s ? s.user() : null;
        if (user == null || user.role() != Role.EMPLOYEE || employees.exists(user.id())) {
            chain.doFilter(request, response);
            return;
        }
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        String accept = request.getHeader("Accept");
        if ("GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Your account was removed from the desktop client.\"}");
    }
}
